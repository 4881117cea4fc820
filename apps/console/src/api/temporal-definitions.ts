/**
 * Stands in for @temporalio/workflow in the browser bundle (vite.config.ts): libs/contracts
 * names its Updates, Signals and Queries with these, and the console only reads the names.
 */
const definition = (type: string) => (name: string) => ({ type, name });

export const defineQuery = definition('query');
export const defineUpdate = definition('update');
export const defineSignal = definition('signal');
