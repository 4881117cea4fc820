import { describe, expect, it } from 'vitest';
import { GroupCommit, type ItemOutcome } from './group-commit';

interface Save {
  report: string;
  value: number;
}

/** A writer whose batches end only when the test says so, recording what each batch held. */
function heldWriter(answer: (save: Save) => ItemOutcome<string> = (save) => ({ ok: true, value: `${save.value}` })) {
  const batches: Save[][] = [];
  const ends: Array<(failure?: Error) => void> = [];
  const write = (items: Save[]) =>
    new Promise<Array<ItemOutcome<string>>>((resolve, reject) => {
      batches.push(items);
      ends.push((failure) => (failure ? reject(failure) : resolve(items.map(answer))));
    });
  return { batches, write, endBatch: (index: number, failure?: Error) => ends[index]!(failure) };
}

const settle = () => new Promise((done) => setImmediate(done));

function groupCommit(writer: ReturnType<typeof heldWriter>, maxBatch = 10) {
  return new GroupCommit<Save, string>({ maxBatch, keyOf: (save) => save.report, write: writer.write });
}

describe('group commit', () => {
  it('writes a lone item at once, then everything that queued meanwhile as one batch', async () => {
    const writer = heldWriter();
    const commits = groupCommit(writer);
    const first = commits.submit({ report: 'a', value: 1 });
    expect(writer.batches).toEqual([[{ report: 'a', value: 1 }]]);
    const queued = [commits.submit({ report: 'b', value: 2 }), commits.submit({ report: 'c', value: 3 })];
    await settle();
    expect(writer.batches).toHaveLength(1);
    writer.endBatch(0);
    expect(await first).toBe('1');
    await settle();
    expect(writer.batches[1]).toEqual([
      { report: 'b', value: 2 },
      { report: 'c', value: 3 },
    ]);
    writer.endBatch(1);
    expect(await Promise.all(queued)).toEqual(['2', '3']);
  });

  it('keeps two saves of one report in separate batches, in the order they came', async () => {
    const writer = heldWriter();
    const commits = groupCommit(writer);
    const answers = [
      commits.submit({ report: 'a', value: 1 }),
      commits.submit({ report: 'a', value: 2 }),
      commits.submit({ report: 'b', value: 3 }),
      commits.submit({ report: 'a', value: 4 }),
    ];
    writer.endBatch(0);
    await settle();
    expect(writer.batches[1]).toEqual([
      { report: 'a', value: 2 },
      { report: 'b', value: 3 },
    ]);
    writer.endBatch(1);
    await settle();
    expect(writer.batches[2]).toEqual([{ report: 'a', value: 4 }]);
    writer.endBatch(2);
    expect(await Promise.all(answers)).toEqual(['1', '2', '3', '4']);
  });

  it('bounds a batch, leaving the rest for the next one', async () => {
    const writer = heldWriter();
    const commits = groupCommit(writer, 2);
    const answers = ['a', 'b', 'c', 'd'].map((report, value) => commits.submit({ report, value }));
    writer.endBatch(0);
    await settle();
    writer.endBatch(1);
    await settle();
    expect(writer.batches.map((batch) => batch.map((save) => save.report))).toEqual([['a'], ['b', 'c'], ['d']]);
    writer.endBatch(2);
    expect(await Promise.all(answers)).toEqual(['0', '1', '2', '3']);
  });

  it('answers each item with its own outcome, a refusal failing only its own item', async () => {
    const refused = new Error('report b is not editable');
    const writer = heldWriter((save) =>
      save.report === 'b' ? { ok: false, error: refused } : { ok: true, value: 'saved' },
    );
    const commits = groupCommit(writer);
    const first = commits.submit({ report: 'x', value: 0 });
    const batch = ['a', 'b', 'c'].map((report) => commits.submit({ report, value: 1 }));
    writer.endBatch(0);
    await first;
    await settle();
    writer.endBatch(1);
    expect(await Promise.allSettled(batch)).toEqual([
      { status: 'fulfilled', value: 'saved' },
      { status: 'rejected', reason: refused },
      { status: 'fulfilled', value: 'saved' },
    ]);
  });

  it('fails every item of a batch whose commit failed, and goes on with the next batch', async () => {
    const writer = heldWriter();
    const commits = groupCommit(writer);
    const down = new Error('Connection terminated');
    const first = commits.submit({ report: 'x', value: 0 });
    const failed = ['a', 'b'].map((report) => commits.submit({ report, value: 1 }));
    writer.endBatch(0);
    await first;
    await settle();
    writer.endBatch(1, down);
    for (const answer of await Promise.allSettled(failed)) expect(answer).toEqual({ status: 'rejected', reason: down });
    const later = commits.submit({ report: 'a', value: 2 });
    writer.endBatch(2);
    expect(await later).toBe('2');
  });
});
