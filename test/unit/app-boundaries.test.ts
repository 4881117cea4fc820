import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The console and the CLI import only libraries (libs/*): the HTTP contract is in libs/contracts,
 * so neither reaches into the API app; the console, which runs in the browser, loads neither the
 * database layer nor Temporal. eslint.config.mjs says the same to the editor; this holds it in CI.
 */
const root = resolve(__dirname, '../..');

function sourcesOf(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => join(folder, file));
}

/** Every module a file names: static imports and exports, `import type`, and `import()`. */
function importsOf(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const names = [...source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!);
  // A relative import is named by where it lands, from the repository's root.
  return names.map((name) => (name.startsWith('.') ? relative(root, resolve(root, file, '..', name)) : name));
}

const APP = /^(@jiebang\/(api|workflows|activities)(\/|$)|apps\/api\/|workflows\/|activities\/)/;
const SERVER_ONLY =
  /^(@jiebang\/persistence(\/|$)|libs\/persistence\/|typeorm(\/|$)|@jiebang\/contracts\/temporal|@temporalio\/)/;

function offending(folder: string, forbidden: RegExp[]): string[] {
  return sourcesOf(folder).flatMap((file) =>
    importsOf(file)
      .filter((name) => forbidden.some((pattern) => pattern.test(name)))
      .map((name) => `${file} imports ${name}`),
  );
}

describe('what the console and the CLI import', () => {
  it('finds the imports it looks for (the check can fail)', () => {
    expect(importsOf('apps/cli/src/users-create.ts')).toContain('@jiebang/persistence');
    expect(importsOf('apps/console/src/main.tsx').length).toBeGreaterThan(0);
  });

  it('the console imports no app, no libs/persistence and no Temporal', () => {
    expect(offending('apps/console/src', [APP, SERVER_ONLY])).toEqual([]);
  });

  it('the CLI imports no app', () => {
    expect(offending('apps/cli/src', [APP])).toEqual([]);
  });
});
