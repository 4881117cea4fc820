import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { format } from 'prettier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workflowCodeVersion } from '../support/workflow-version';

/**
 * The replay guard names a version of the workflow code by what the code does: a comment, a
 * type or a reformat needs no new recording of histories; a change of the code does.
 */
const ROOT = resolve(__dirname, '../..');

// Each case compiles every workflow file twice: seconds on a busy machine.
describe('the workflow code version', { timeout: 60_000 }, () => {
  let copy: string;

  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), 'jiebang-workflow-version-'));
    cpSync(join(ROOT, 'workflows'), join(copy, 'workflows'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.paths.json'), join(copy, 'tsconfig.paths.json'));
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  const files = () =>
    readdirSync(join(copy, 'workflows'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(copy, 'workflows', name));
  const edit = (file: string, change: (text: string) => string) => {
    const before = readFileSync(file, 'utf8');
    const after = change(before);
    expect(after, `the edit of ${relative(copy, file)} changed nothing`).not.toEqual(before);
    writeFileSync(file, after);
  };
  const fileContaining = (text: string) => files().find((file) => readFileSync(file, 'utf8').includes(text))!;

  it('is the same for a copy of the code elsewhere', () => {
    expect(workflowCodeVersion(copy)).toEqual(workflowCodeVersion(ROOT));
  });

  it('stays the same when only comments change', () => {
    for (const file of files())
      edit(
        file,
        (text) =>
          `/** A new doc comment at the top. */\n${text.replace(/\n(\s*)(export )?(async )?function /, '\n$1// Why this function exists, said again.\n$1/* and a block */\n$1$2$3function ')}`,
      );
    expect(workflowCodeVersion(copy)).toEqual(workflowCodeVersion(ROOT));
  });

  it('stays the same when the code is formatted otherwise (line width, quotes, trailing commas)', async () => {
    for (const file of files()) {
      const text = readFileSync(file, 'utf8');
      const options = { parser: 'typescript', printWidth: 60, singleQuote: false, trailingComma: 'none' } as const;
      writeFileSync(file, await format(text, options));
    }
    expect(workflowCodeVersion(copy)).toEqual(workflowCodeVersion(ROOT));
  });

  it('stays the same when a library is imported by a relative path instead of its name', () => {
    const named = /from '@jiebang\/(contracts|domain)'/g;
    const importers = files().filter((file) => readFileSync(file, 'utf8').match(named));
    expect(importers).not.toEqual([]);
    for (const file of importers) {
      const up = relative(dirname(file), copy).split('\\').join('/');
      edit(file, (text) => text.replace(named, (_, library: string) => `from '${up}/libs/${library}/src'`));
    }
    expect(workflowCodeVersion(copy)).toEqual(workflowCodeVersion(ROOT));
  });

  it('changes when a text the workflow sends changes, if only by a space', () => {
    edit(fileContaining(': please sign`'), (text) => text.replace(': please sign`', ':  please sign`'));
    expect(workflowCodeVersion(copy)).not.toEqual(workflowCodeVersion(ROOT));
  });

  it('changes when a statement changes', () => {
    edit(join(copy, 'workflows/deadlines.ts'), (text) => text.replace(/\bconst\b/, 'let'));
    expect(workflowCodeVersion(copy)).not.toEqual(workflowCodeVersion(ROOT));
  });

  it('changes when a file is added', () => {
    writeFileSync(join(copy, 'workflows/extra.ts'), 'export const extra = 1;\n');
    expect(workflowCodeVersion(copy)).not.toEqual(workflowCodeVersion(ROOT));
  });
});
