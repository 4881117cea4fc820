import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const url = 'postgres://u:p@localhost:5432/jiebang';

describe('OUTBOUND_ALLOW', () => {
  it('is empty (public addresses only) unless the operator lists ranges', () => {
    expect(loadConfig({ DATABASE_URL: url }).OUTBOUND_ALLOW).toEqual([]);
    expect(loadConfig({ DATABASE_URL: url, OUTBOUND_ALLOW: '10.20.0.0/16, 192.168.8.25' }).OUTBOUND_ALLOW).toEqual([
      { address: '10.20.0.0', prefix: 16, family: 'ipv4' },
      { address: '192.168.8.25', prefix: 32, family: 'ipv4' },
    ]);
  });

  it.each(['10.0.0.0/33', 'intranet', '::1/129', '10.0.0.0/8/1', '10.0.0.0/x'])(
    'stops the start on %s, naming the variable and the entry',
    (value) => {
      expect(() => loadConfig({ DATABASE_URL: url, OUTBOUND_ALLOW: value })).toThrow(
        new RegExp(`OUTBOUND_ALLOW: "${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`),
      );
    },
  );
});
