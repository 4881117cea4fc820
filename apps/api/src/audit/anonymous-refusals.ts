import { Injectable, Logger } from '@nestjs/common';

/** How often the log mentions each kind of anonymous refusal at most. */
const LOG_EVERY_MS = 60_000;

/**
 * Refusals of callers who are not signed in, counted in this process rather than written to the
 * audit trail one by one: anyone on the network can send them, and the trail can never be
 * trimmed. The counts are in GET /health; the log has the first of each code per minute, with
 * how many there were since. Failed password checks (INVALID_CREDENTIALS) stay in the trail:
 * the sign-in limit bounds them per account and address, and they are what an auditor looks for.
 */
@Injectable()
export class AnonymousRefusals {
  private readonly logger = new Logger('Refusals');
  private readonly counts = new Map<string, number>();
  private readonly logged = new Map<string, { at: number; count: number }>();

  /** Whether a refusal of this code, by this caller, is counted here instead of audited. */
  static countsInsteadOfAuditing(code: string, signedIn: boolean): boolean {
    return !signedIn && code !== 'INVALID_CREDENTIALS';
  }

  count(code: string, what: string, now = Date.now()): void {
    const total = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, total);
    const last = this.logged.get(code);
    if (last && now - last.at < LOG_EVERY_MS) return;
    this.logged.set(code, { at: now, count: total });
    this.logger.warn(
      `anonymous refusal ${code} (${what}); ${total - (last?.count ?? 0)} since the last line, ${total} since start`,
    );
  }

  /** Refusals per code since the process started. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
