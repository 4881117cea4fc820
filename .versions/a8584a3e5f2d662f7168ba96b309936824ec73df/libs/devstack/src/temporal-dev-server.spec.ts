import { describe, expect, it } from 'vitest';
import { devServerArgs, SEARCH_ATTRIBUTES, searchAttributeArgs } from './temporal-dev-server';

describe('devServerArgs', () => {
  it('runs start-dev with persistent state, our ports, the default namespace and quiet logs', () => {
    const args = devServerArgs({ cli: 'temporal', dbFilename: '/repo/.data/temporal.db', port: 7233, uiPort: 8233 });
    expect(args.slice(0, 2)).toEqual(['server', 'start-dev']);
    expect(args.join(' ')).toContain('--db-filename /repo/.data/temporal.db');
    expect(args.join(' ')).toContain('--port 7233');
    expect(args.join(' ')).toContain('--ui-port 8233');
    expect(args.join(' ')).toContain('--namespace default');
    expect(args.join(' ')).toContain('--log-level warn');
  });

  it('registers every search attribute of libs/contracts', () => {
    expect(searchAttributeArgs()).toEqual([
      '--search-attribute',
      'CycleId=Keyword',
      '--search-attribute',
      'UnitId=Keyword',
      '--search-attribute',
      'Phase=Keyword',
      '--search-attribute',
      'Month=Int',
    ]);
    expect(devServerArgs({ cli: 'temporal', port: 7233 })).toEqual(
      expect.arrayContaining(searchAttributeArgs(SEARCH_ATTRIBUTES)),
    );
  });

  it('runs headless without a UI port', () => {
    expect(devServerArgs({ cli: 'temporal', port: 7233 })).toContain('--headless');
  });
});
