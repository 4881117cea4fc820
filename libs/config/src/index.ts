export * from './config';
export * from './outbound-allow';
