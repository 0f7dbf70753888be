export * from './ports.ts';
export * from './errors.ts';
export * from './hospitals/hospital-use-cases.ts';
export * from './contracts/contract-use-cases.ts';
export * from './audit/list-audit.ts';
