/** The console's reads of the API, one file per resource, each with its key factory (docs/console.md). */
export * from './admin';
export * from './board';
export * from './changes';
export * from './cycles';
export * from './people';
export * from './projects';
export * from './ratings';
export * from './read';
export * from './settings';
export * from './work';
