export * from './activity-interceptors';
export * from './library-aliases';
export * from './request-id';
export * from './search-attributes';
export * from './tracing';
export * from './worker-sinks';
export * from './workflow-bundler';
