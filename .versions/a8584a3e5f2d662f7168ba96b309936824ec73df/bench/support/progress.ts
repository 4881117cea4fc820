/** Progress lines a person watches while a benchmark works: `[ 12.3s] importing 1000 units…`. */
export class Progress {
  private readonly startedAt = Date.now();
  private lastCountAt = 0;
  private lastCount = '';

  say(line: string): void {
    process.stdout.write(`[${this.elapsed()}] ${line}\n`);
  }

  /** "waiting for workflows: 640/1000", printed when the count moves, at most once a second (always when done). */
  count(label: string, done: number, total: number, extra = ''): void {
    const text = `${label}: ${done}/${total}${extra ? ` ${extra}` : ''}`;
    const now = Date.now();
    if (text === this.lastCount || (done < total && now - this.lastCountAt < 1_000)) return;
    this.lastCount = text;
    this.lastCountAt = now;
    this.say(text);
  }

  private elapsed(): string {
    return `${((Date.now() - this.startedAt) / 1000).toFixed(1)}s`.padStart(7);
  }
}

/** Polls `probe` until it returns a value; `onWait` is called after each miss (to print progress). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = 250 }: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
