export * from './channel-senders';
export * from './delivery-dispatcher';
export * from './delivery-options';
export * from './delivery-plan';
export * from './outgoing-message';
export * from './secret-box';
export * from './signing';
