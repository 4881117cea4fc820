export * from './library-aliases';
export * from './search-attributes';
export * from './workflow-bundler';
