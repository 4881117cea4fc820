import { describe, expect, it } from 'vitest';
import { isDataError } from '../../activities/failure-kinds';

describe('which activity failures no retry can fix', () => {
  it.each([
    ['NUL in text (22P05)', { code: '22P05' }],
    ['a value out of range (22003)', { code: '22003' }],
    ['a bad date (22007)', { code: '22007' }],
    ['a constraint violated (23514)', { code: '23514' }],
    ['an invalid date in the input', new RangeError('Invalid time value')],
  ])('calls %s a data error', (_name, error) => {
    expect(isDataError(error)).toBe(true);
  });

  it.each([
    ['a serialisation failure (40001)', { code: '40001' }],
    ['a deadlock (40P01)', { code: '40P01' }],
    ['a lost connection (08006)', { code: '08006' }],
    ['a server shutting down (57P01)', { code: '57P01' }],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['anything else', new Error('timeout')],
  ])('retries %s', (_name, error) => {
    expect(isDataError(error)).toBe(false);
  });
});
