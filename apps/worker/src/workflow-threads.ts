import { BroadcastChannel } from 'node:worker_threads';

/** The channel on which each workflow thread reports its heap. */
const HEAP_CHANNEL = 'jiebang-workflow-thread-heap';
const HEAP_REPORT_EVERY_MS = 5_000;

/** One workflow thread's V8 heap, as it last reported it. */
export interface WorkflowThreadHeap {
  threadId: number;
  usedBytes: number;
  limitBytes: number;
}

/** A thread not heard from for this long has ended (its Worker stopped): it is left out. */
const HEAP_REPORT_STALE_MS = 3 * HEAP_REPORT_EVERY_MS;

interface PreludeOptions {
  stackTraces: boolean;
  channel: string;
  everyMs: number;
}

/**
 * Runs first in each of the SDK's workflow threads, before the SDK's own code. It is sent to the
 * thread as source text, so it must hold everything it uses (nothing from outside the function).
 *
 * - AsyncLocalStorage copies only the stores a storage holds onto new promises (below).
 * - Without `stackTraces`, the SDK's promise hook is never installed. The SDK keeps a structured
 *   stack trace for every pending promise of every cached workflow, only to answer the
 *   `__stack_trace` Query (the "stack trace" of Temporal's UI): a unit workflow with its months
 *   open holds hundreds of pending promises, and the hook ran on every promise a workflow made.
 * - Every few seconds the thread reports its heap on a broadcast channel (the worker's
 *   `/metrics` shows it): Node 20 cannot read another thread's heap from outside.
 */
function workflowThreadPrelude(options: PreludeOptions): void {
  /**
   * Node 20's AsyncLocalStorage copies, onto every promise made, the store of every storage
   * enabled in the thread, even one that holds nothing there: a property per storage. Each cached
   * workflow has its own (the SDK's cancellation scopes, its Update scopes), so with 250 cached
   * every promise carried some 500 properties (7 KB): 180 MB of one thread's heap was these, and
   * the worker ran out of heap as its cache filled. Only a storage that holds a store is copied
   * now: reading a property never set answers undefined, as the copied undefined did.
   */
  function leaveUnsetStoresOff(asyncHooks: typeof import('node:async_hooks')): void {
    type Storage = { kResourceStore: symbol; enabled: boolean };
    type Resource = Record<symbol, unknown>;
    const prototype = asyncHooks.AsyncLocalStorage.prototype as unknown as {
      _propagate?: (this: Storage, resource: Resource, triggerResource: Resource) => void;
    };
    if (typeof prototype._propagate !== 'function') return; // a Node without it keeps no per-storage copies
    prototype._propagate = function propagateSetStores(this: Storage, resource: Resource, triggerResource: Resource) {
      const store = triggerResource[this.kResourceStore];
      if (store !== undefined && this.enabled) resource[this.kResourceStore] = store;
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = require('node:v8') as typeof import('node:v8');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  leaveUnsetStoresOff(require('node:async_hooks') as typeof import('node:async_hooks'));
  if (!options.stackTraces) {
    // Only the SDK's own call (from its vm-shared module) is skipped: Node's AsyncLocalStorage,
    // which the workflows' cancellation scopes use, creates its promise hooks through the same function.
    const createHook = v8.promiseHooks.createHook.bind(v8.promiseHooks);
    v8.promiseHooks.createHook = (hooks) =>
      /[\\/]workflow[\\/]vm-shared\.js/.test(new Error().stack ?? '') ? () => undefined : createHook(hooks);
  }
  const channel = new threads.BroadcastChannel(options.channel);
  channel.unref();
  const report = () => {
    const heap = v8.getHeapStatistics();
    channel.postMessage({
      threadId: threads.threadId,
      usedBytes: heap.used_heap_size,
      limitBytes: heap.heap_size_limit,
    });
  };
  setInterval(report, options.everyMs).unref();
  report();
}

/** Where the SDK's workflow threads start (the file it hands to `new Worker`). */
function sdkWorkflowThreadFile(): string {
  return require.resolve('@temporalio/worker/lib/workflow/workflow-worker-thread');
}

let prepared = false;

/**
 * Makes the workflow threads the SDK creates from now on run `workflowThreadPrelude` first. The
 * SDK takes no option for either thing, and creates its threads with `new Worker(file)` of
 * `node:worker_threads`: that constructor is wrapped so that this one file starts as a script
 * running the prelude, then the SDK's file. Any other thread starts unchanged. Idempotent; the
 * options of the first call stay.
 */
export function prepareWorkflowThreads({ stackTraces }: { stackTraces: boolean }): void {
  if (prepared) return;
  prepared = true;
  // The module object itself (an import would give a copy of its bindings): the SDK reads `Worker` from it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('node:worker_threads') as { Worker: typeof import('node:worker_threads').Worker };
  const Original = threads.Worker;
  const sdkFile = sdkWorkflowThreadFile();
  const options: PreludeOptions = { stackTraces, channel: HEAP_CHANNEL, everyMs: HEAP_REPORT_EVERY_MS };
  // `__name`: the helper a bundler that keeps function names (tsx, vitest) calls inside the source.
  const script = [
    'const __name = (target) => target;',
    `(${workflowThreadPrelude.toString()})(${JSON.stringify(options)});`,
    `require(${JSON.stringify(sdkFile)});`,
  ].join('\n');
  threads.Worker = class WorkflowThread extends Original {
    constructor(file: string | URL, workerOptions?: import('node:worker_threads').WorkerOptions) {
      if (file === sdkFile) super(script, { ...workerOptions, eval: true });
      else super(file, workerOptions);
    }
  };
}

/** Keeps the latest heap report of every live workflow thread of this process. */
export class WorkflowThreadHeaps {
  private readonly latest = new Map<number, WorkflowThreadHeap & { at: number }>();
  private readonly channel = new BroadcastChannel(HEAP_CHANNEL);

  constructor() {
    this.channel.unref();
    this.channel.onmessage = (event) => {
      const heap = (event as { data: WorkflowThreadHeap }).data;
      this.latest.set(heap.threadId, { ...heap, at: Date.now() });
    };
  }

  all(): WorkflowThreadHeap[] {
    const since = Date.now() - HEAP_REPORT_STALE_MS;
    return [...this.latest.values()]
      .filter((heap) => heap.at >= since)
      .map(({ threadId, usedBytes, limitBytes }) => ({ threadId, usedBytes, limitBytes }));
  }

  close(): void {
    this.channel.close();
  }
}
