/**
 * `npx tsx scripts/import-by-name.ts`: rewrites relative imports that reach into a library
 * (`../../../../libs/contracts/src`) to its name (`@jiebang/contracts`), and those that climb three
 * or more folders into `apps/api/src`, `workflows` or `activities` to `@jiebang/api/…`,
 * `@jiebang/workflows`, `@jiebang/activities`, as tsconfig.paths.json maps them. For code written
 * before the names existed (a merged branch); lint names what is left. `workflows/` too: how a
 * library is spelled does not change the workflow code's version (docs/workflow-changes.md).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.data']);
/** They are loaded before the aliases they hand to Vite exist. */
const CONFIGS = new Set(['vitest.config.ts', join('apps', 'console', 'vite.config.ts')]);
const SPECIFIER = /(\b(?:from|import|require)\s*\(?\s*|vi\.mock\(\s*)(['"])(\.\.?\/[^'"]*)\2/g;

/** Name and folder (relative to the root) of each mapping; libraries' `/*` entries give the folder. */
function mappings(): Array<{ name: string; folder: string; library: boolean }> {
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.paths.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const entries = Object.entries(compilerOptions.paths).filter(([name]) => name.startsWith('@jiebang/'));
  const byName = new Map(
    entries.map(([name, [folder]]) => [name.replace(/\/\*$/, ''), normalize(folder!.replace(/\/\*$/, ''))]),
  );
  return [...byName].map(([name, folder]) => ({ name, folder, library: folder.startsWith(`libs${sep}`) }));
}

function* sourceFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) yield* sourceFiles(join(folder, entry.name));
    else if (entry.isFile() && /\.tsx?$/.test(entry.name)) yield join(folder, entry.name);
  }
}

function main(): void {
  const maps = mappings();
  let rewritten = 0;
  for (const file of sourceFiles(ROOT)) {
    const from = relative(ROOT, file);
    if (CONFIGS.has(from)) continue;
    const source = readFileSync(file, 'utf8');
    const result = source.replace(SPECIFIER, (whole, prefix: string, quote: string, specifier: string) => {
      const target = relative(ROOT, resolve(dirname(file), specifier));
      const map = maps.find(({ folder }) => target === folder || target.startsWith(folder + sep));
      if (!map || from.startsWith(map.folder + sep)) return whole;
      if (!map.library && !specifier.startsWith('../../../')) return whole;
      const rest = relative(map.folder, target)
        .split(sep)
        .filter((part) => part && part !== 'index');
      rewritten += 1;
      return `${prefix}${quote}${[map.name, ...rest].join('/')}${quote}`;
    });
    if (result !== source) writeFileSync(file, result);
  }
  process.stdout.write(`${rewritten} imports now name their library\n`);
}

main();
