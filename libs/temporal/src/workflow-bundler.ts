import type { BundleOptions } from '@temporalio/worker';
import { libraryAliases } from './library-aliases';

/**
 * Bundler options that let the workflow bundle resolve the libraries by name when it is made
 * from the sources (tests, tsx); the root is the repository's.
 */
export function workflowBundlerOptions(root: string): Pick<BundleOptions, 'webpackConfigHook'> {
  const aliases = libraryAliases(root);
  return {
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...aliases } },
    }),
  };
}
