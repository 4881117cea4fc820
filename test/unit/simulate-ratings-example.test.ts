import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '@jiebang/contracts';
import { runCli } from '../../apps/cli/src/cli';

const fixture = (name: string) => resolve(__dirname, '../fixtures', name);

/** Runs `jiebang <args>` in process, the scenario read from the fixture file or from `stdin`. */
async function jiebang(args: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    env: {},
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: (path) => Promise.resolve(readFileSync(path, 'utf8')),
    readStdin: () => (stdin === undefined ? Promise.reject(new Error('no standard input')) : Promise.resolve(stdin)),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('the ratings example (test/fixtures/ratings-2026.json): peers, panels, assessors, trimmed means, 视为不合格', () => {
  const expected = JSON.parse(readFileSync(fixture('ratings-2026.result.json'), 'utf8')) as ScenarioResult;

  it('jiebang simulate prints exactly the expected result document', async () => {
    const run = await jiebang(['simulate', fixture('ratings-2026.json')]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  it('jiebang simulate refuses a broken ratings object with its path, and prints no result', async () => {
    const broken = JSON.parse(readFileSync(fixture('ratings-2026.json'), 'utf8')) as {
      reports: Record<string, Record<string, Record<string, { ratings: Record<string, Record<string, number>> }>>>;
    };
    broken.reports.u00['6']['u00-sat'].ratings.peers.u00 = 95;
    const run = await jiebang(['simulate', '-'], JSON.stringify(broken));
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining(
        'reports.u00.6.u00-sat.ratings.peers.u00: u00 cannot rate its own unit\n',
      ) as string,
    });
  });
});
