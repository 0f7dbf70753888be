export * from './money.ts';
export * from './contract.ts';
export * from './dates.ts';
export * from './templates/template.ts';
export * from './templates/seed-cpoe.ts';
export * from './roles.ts';
export * from './hospital.ts';
export * from './time/instant.ts';
