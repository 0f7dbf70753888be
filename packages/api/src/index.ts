export * from './route.ts';
export * from './routes.ts';
export * from './schemas.ts';
export * from './openapi.ts';
export * from './claims.ts';
export * from './authorize.ts';
export * from './event-handlers.ts';
export * from './schemas-tickets.ts';
