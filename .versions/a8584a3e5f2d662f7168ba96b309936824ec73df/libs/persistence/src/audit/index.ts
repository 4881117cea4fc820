export * from './audit-chain';
export * from './audit-entry';
export * from './audit-reader';
export * from './audit-writer';
