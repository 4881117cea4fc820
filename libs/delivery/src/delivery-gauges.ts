import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** A scrape never waits on a slow database longer than this: the gauges answer what they can. */
const GAUGE_QUERY_TIMEOUT_MS = 2_000;

/**
 * A gauge read from Postgres at each scrape (`sql` answers one row with a `value`). While Postgres
 * is down or slow the gauge keeps its last value and the scrape still answers.
 */
export function registerDatabaseGauge(
  registry: Registry,
  dataSource: DataSource,
  { name, help, sql }: { name: string; help: string; sql: string },
): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      const value = await valueOrNothing(dataSource, sql);
      if (value !== undefined) this.set(value);
    },
  });
}

/**
 * The outbox's state as every process reports it (API and worker alike): deliveries waiting to be
 * sent or retried, and deliveries that gave up.
 */
export function registerDeliveryGauges(registry: Registry, dataSource: DataSource): void {
  registerDatabaseGauge(registry, dataSource, {
    name: 'jiebang_delivery_backlog',
    help: 'Deliveries (messages to channels) waiting to be sent or retried',
    sql: `SELECT count(*)::int AS value FROM deliveries WHERE status = 'pending'`,
  });
  registerDatabaseGauge(registry, dataSource, {
    name: 'jiebang_deliveries_failed',
    help: 'Deliveries that gave up after their last attempt',
    sql: `SELECT count(*)::int AS value FROM deliveries WHERE status = 'failed'`,
  });
}

async function valueOrNothing(dataSource: DataSource, sql: string): Promise<number | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), GAUGE_QUERY_TIMEOUT_MS);
  });
  try {
    const rows = await Promise.race([dataSource.query<{ value: number | string }[]>(sql), timeout]);
    return rows?.[0] ? Number(rows[0].value) : undefined;
  } catch {
    return undefined; // Postgres down: /health says so; the scrape still answers the process's figures
  } finally {
    clearTimeout(timer);
  }
}
