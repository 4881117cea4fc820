import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Suites known to take minutes, longest first. With two files at once (`.ci/run`) the longest
 * must start first, or it starts last and runs alone at the end; vitest's own order needs the
 * durations of an earlier run, which a fresh install has not got (it then orders by file size).
 */
const LONGEST = ['test/integration/faults-short.test.ts', 'test/integration/annual-cycle.test.ts'];

/** Vitest's order (earlier durations, else file size), with the suites known to be long moved to the front. */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONGEST.findIndex((path) => file.moduleId.endsWith(path));
      return index === -1 ? LONGEST.length : index;
    };
    // Array.prototype.sort is stable: the others keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
