import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '@jiebang/contracts';
import { runCli } from '../../apps/cli/src/cli';

const fixture = (name: string) => resolve(__dirname, '../fixtures', name);

describe('the ratings example (test/fixtures/ratings-2026.json): peers, panels, assessors, trimmed means, 视为不合格', () => {
  const expected = JSON.parse(readFileSync(fixture('ratings-2026.result.json'), 'utf8')) as ScenarioResult;

  const simulated = async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['simulate', fixture('ratings-2026.json')], {
      env: {},
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      readFile: (path) => Promise.resolve(readFileSync(path, 'utf8')),
      readStdin: () => Promise.reject(new Error('no standard input')),
    });
    expect({ code, stderr: err.join('') }).toEqual({ code: 0, stderr: '' });
    return JSON.parse(out.join('')) as ScenarioResult;
  };

  it('jiebang simulate prints exactly the expected result document', async () => {
    expect(await simulated()).toEqual(expected);
  });
});
