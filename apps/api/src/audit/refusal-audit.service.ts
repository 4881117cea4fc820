import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAuditEntries, type AuditEntry } from '@jiebang/persistence';

/** Rows written in one transaction at most. */
const BATCH_SIZE = 200;
/** How long a refusal waits for its batch. */
const FLUSH_INTERVAL_MS = 1_000;
/** Refusals held in memory at most; beyond, they are counted, and the count is written instead. */
const MAX_QUEUED = 10_000;

/**
 * The audit of refused requests (failed and throttled sign-ins, refused refreshes, every 401, 403,
 * 409 and 429), written in batches off the request path: a refusal costs its caller no database
 * round trip, so a flood of refusals cannot slow the API through the audit's serialised appends.
 * A flood beyond MAX_QUEUED is summarised by one row counting what was dropped.
 */
@Injectable()
export class RefusalAudit implements OnApplicationShutdown {
  private readonly logger = new Logger('RefusalAudit');
  private queue: AuditEntry[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Queues one refusal; it is written within FLUSH_INTERVAL_MS, or at once when a batch is full. */
  record(entry: AuditEntry): void {
    if (this.queue.length >= MAX_QUEUED) {
      this.dropped += 1;
      return;
    }
    this.queue.push(entry);
    if (this.queue.length >= BATCH_SIZE) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  /** Writes everything queued so far; resolves when it is written (or has failed and been logged). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeQueued());
    return this.writing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0 || this.dropped > 0) {
      const batch = this.queue.splice(0, BATCH_SIZE);
      if (this.dropped > 0) {
        batch.push(droppedSummary(this.dropped));
        this.dropped = 0;
      }
      try {
        await appendAuditEntries(this.dataSource.manager, batch);
      } catch (error) {
        this.logger.error(`could not write ${batch.length} refusal rows: ${String(error)}`);
        return;
      }
    }
  }
}

function droppedSummary(count: number): AuditEntry {
  return {
    actorId: 'system:api',
    action: 'request.refusals_dropped',
    subject: 'refusals',
    reason: `${count} refusals came faster than the audit writes them and were counted only`,
    change: { count },
  };
}
