export * from './delivery-rows';
export * from './delivery.repository';
export * from './message.repository';
