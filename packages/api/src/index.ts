export * from './route.ts';
export * from './routes.ts';
export * from './schemas.ts';
export * from './openapi.ts';
