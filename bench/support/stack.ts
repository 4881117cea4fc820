import type * as TestSupportStack from '../../test/support/stack';
import type { TestStack, TestStackOptions } from '../../test/support/stack';

export type { TestStack };

/**
 * `startTestStack()` of the integration suites, for a benchmark run by tsx. That module asks
 * vitest's `inject` for the Temporal CLI its global setup resolved; vitest refuses to load
 * outside its runner, so the benchmark hands it an `inject` that knows nothing and
 * `startTestStack` resolves the CLI itself, exactly as it does when a suite runs alone.
 */
export function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const vitest = require.resolve('vitest');
  require.cache[vitest] ??= {
    id: vitest,
    filename: vitest,
    loaded: true,
    exports: { inject: () => undefined },
  } as NodeModule;
  // Loaded only now, after the stand-in above is in place.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stack = require('../../test/support/stack') as typeof TestSupportStack;
  return stack.startTestStack(options);
}
