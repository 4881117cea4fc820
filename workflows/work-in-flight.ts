import { allHandlersFinished } from '@temporalio/workflow';

/**
 * What a workflow has started and not yet seen settle (activities, child starts), so that it hands
 * its state to a new run (continue-as-new) only when nothing is half done.
 */
export class WorkInFlight {
  private count = 0;

  /** No Update in flight and no tracked work awaited. */
  atRest(): boolean {
    return this.count === 0 && allHandlersFinished();
  }

  /**
   * Counts `work` until it settles. The caller awaits the same promise, so the order in which
   * coroutines go on (and so the commands of a replayed history) is unchanged.
   */
  track<T>(work: Promise<T>): Promise<T> {
    this.count += 1;
    const settled = () => {
      this.count -= 1;
    };
    work.then(settled, settled);
    return work;
  }
}
