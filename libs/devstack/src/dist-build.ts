import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** One command of a build: a node script and its arguments. */
export interface BuildStep {
  name: string;
  args: string[];
}

/**
 * How a checkout at `root` compiles into dist, as `npm run build` does: tsc, then tsc-alias, which
 * makes the libraries' names (`@jiebang/contracts`, tsconfig.paths.json) relative so plain node
 * runs dist. A checkout from before the names existed needs tsc alone. Run each step with
 * `process.execPath` in `root`.
 */
export function distBuildSteps(root: string, project = 'tsconfig.json'): BuildStep[] {
  const bin = (pkg: string, file: string) =>
    join(require.resolve(`${pkg}/package.json`, { paths: [root] }), '..', file);
  const steps = [{ name: 'tsc', args: [bin('typescript', 'bin/tsc'), '-p', project] }];
  if (existsSync(join(root, 'tsconfig.paths.json')))
    steps.push({ name: 'tsc-alias', args: [bin('tsc-alias', 'dist/bin/index.js'), '-p', project] });
  return steps;
}
