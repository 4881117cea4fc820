export * from './embedded-postgres';
export * from './free-port';
export * from './prefix-lines';
export * from './process-supervisor';
export * from './temporal-cli';
export * from './temporal-dev-server';
export * from './launchers';
export * from './pid-files';
