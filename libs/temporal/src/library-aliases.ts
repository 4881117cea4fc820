import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The libraries' names (`@jiebang/contracts`, …, and `@jiebang/api/*`, `@jiebang/workflows`, `@jiebang/activities`) as aliases of their source folders, from
 * `tsconfig.paths.json` in `root`, for the bundlers that do not read tsconfig: Vite (vitest, the
 * console) and the workflow bundler's webpack. An alias covers its subpaths too
 * (`@jiebang/contracts/account`). Empty where that file is absent, as in a built image, whose
 * dist tsc-alias has already made relative.
 */
export function libraryAliases(root: string): Record<string, string> {
  const file = join(root, 'tsconfig.paths.json');
  if (!existsSync(file)) return {};
  const { compilerOptions } = JSON.parse(readFileSync(file, 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(compilerOptions.paths)
      .filter(([name]) => name.startsWith('@jiebang/'))
      .map(([name, [folder]]) => [name.replace(/\/\*$/, ''), join(root, folder!.replace(/\/\*$/, ''))]),
  );
}
