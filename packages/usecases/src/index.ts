export * from './ports.ts';
export * from './errors.ts';
export * from './hospitals/hospital-use-cases.ts';
export * from './contracts/contract-use-cases.ts';
export * from './audit/list-audit.ts';
export * from './demo/demo-data.ts';
export * from './demo/load-demo-data.ts';
