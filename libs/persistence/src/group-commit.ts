/** What one item of a batch came to: its own answer, or its own failure. */
export type ItemOutcome<Answer> = { ok: true; value: Answer } | { ok: false; error: unknown };

export interface GroupCommitOptions<Item, Answer> {
  /** The most items one batch holds: bounds a batch's statements and the time it holds shared locks. */
  maxBatch: number;
  /** Items with the same key never share a batch: a later one waits for the next, so they land in order. */
  keyOf: (item: Item) => string;
  /**
   * Writes a batch in one transaction and answers each item, in order. A rejection (the commit
   * failed, the database is down) fails every item of the batch with that error.
   */
  write: (items: Item[]) => Promise<Array<ItemOutcome<Answer>>>;
}

interface Waiting<Item, Answer> {
  item: Item;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: one batch is written at a time, and the items submitted while it is written are
 * written together in the next one, so many writers share one transaction (one lock, one fsync)
 * instead of queueing for it one by one. There is no waiting window: an item submitted while
 * nothing is being written starts a batch of its own at once. Each item is answered only once
 * its batch has committed.
 */
export class GroupCommit<Item, Answer> {
  private waiting: Array<Waiting<Item, Answer>> = [];
  private writing = false;

  constructor(private readonly options: GroupCommitOptions<Item, Answer>) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1)
      throw new RangeError(`maxBatch must be a whole number of at least 1, not ${options.maxBatch}`);
  }

  /** Queues the item for the next batch; resolves with its own answer once that batch has committed. */
  submit(item: Item): Promise<Answer> {
    const answer = new Promise<Answer>((resolve, reject) => this.waiting.push({ item, resolve, reject }));
    this.writeNext();
    return answer;
  }

  private writeNext(): void {
    if (this.writing || this.waiting.length === 0) return;
    this.writing = true;
    void this.writeBatch(this.takeBatch()).finally(() => {
      this.writing = false;
      this.writeNext();
    });
  }

  /** The oldest waiting items, at most one per key and at most maxBatch; the others keep their places. */
  private takeBatch(): Array<Waiting<Item, Answer>> {
    const batch: Array<Waiting<Item, Answer>> = [];
    const keys = new Set<string>();
    const left: Array<Waiting<Item, Answer>> = [];
    for (const waiting of this.waiting) {
      const key = this.options.keyOf(waiting.item);
      if (batch.length < this.options.maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(waiting);
      } else left.push(waiting);
    }
    this.waiting = left;
    return batch;
  }

  private async writeBatch(batch: Array<Waiting<Item, Answer>>): Promise<void> {
    let outcomes: Array<ItemOutcome<Answer>>;
    try {
      outcomes = await this.options.write(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (!outcome) waiting.reject(new Error(`group commit: the batch writer gave no answer for item ${index}`));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
