/**
 * Delivery of the notifications outbox: 10,000 notices written to the outbox at once, carried to a
 * local signed-webhook receiver by one dispatcher with the production settings (libs/config's
 * defaults: poll 500 ms, batches of 200, 16 sends in flight per channel). Figures: throughput
 * (notices received per second, from the first write to the last receipt) and the delay of each
 * notice from its outbox row's `created_at` to its receipt (median, p99). With all 10,000 written
 * at once the delay is mostly the time spent queued behind the others; a second, paced run
 * (1,000 notices at 100 a second) shows the delay of a notice that finds no queue.
 *
 * Run alone: npx tsx bench/delivery.bench.ts (BENCH_NOTICES to change the count).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@jiebang/config';
import { DeliveryDispatcher, deliveryOptionsOf } from '@jiebang/delivery';
import {
  addChannel,
  addPerson,
  startDeliveryDatabase,
  TEST_OUTBOUND_ALLOW,
  TEST_SECRET_KEY,
} from '../test/support/delivery';
import { formatMs, publishFigures, table, type Figure } from './support/figures';
import { runWhenMain } from './support/script';
import { sleep, waitFor } from './support/progress';

const NOTICES = Number(process.env.BENCH_NOTICES ?? 10_000);
const PACED_NOTICES = 1_000;
const PACED_PER_SECOND = 100;

interface Run {
  received: Map<string, number>;
}

async function main(): Promise<void> {
  const db = await startDeliveryDatabase();
  const run: Run = { received: new Map() };
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { notificationId: string };
      if (!run.received.has(body.notificationId)) run.received.set(body.notificationId, Date.now());
      response.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const config = loadConfig({
    DATABASE_URL: db.url,
    CHANNEL_SECRET_KEY: TEST_SECRET_KEY,
    OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW,
  });
  const dispatcher = new DeliveryDispatcher(db.dataSource, deliveryOptionsOf(config), {
    warn: (line) => say(line),
    error: (line) => say(line),
  });
  try {
    await addPerson(db.dataSource, { id: 'reporter-u01', roles: ['UNIT_REPORTER'], unitId: 'u01' });
    await addChannel(db.dataSource, { name: 'bench', kind: 'webhook', url, secret: 'bench-webhook-secret-0123' });
    dispatcher.start();

    say(`burst: writing ${NOTICES} notices to the outbox at once…`);
    const burstStart = Date.now();
    await writeNotices(db.dataSource, 'burst', NOTICES);
    await waitFor('every burst notice at the receiver', async () => (run.received.size >= NOTICES ? true : undefined), {
      timeoutMs: 30 * 60_000,
    });
    const burstEnd = [...run.received.values()].reduce((a, b) => Math.max(a, b), 0);
    const burstDelays = await delays(db.dataSource, 'burst', run.received);
    const throughput = NOTICES / ((burstEnd - burstStart) / 1000);

    run.received.clear();
    say(`paced: ${PACED_NOTICES} notices at ${PACED_PER_SECOND} a second…`);
    for (let i = 0; i < PACED_NOTICES; i += PACED_PER_SECOND / 10) {
      await writeNotices(db.dataSource, `paced-${i}`, PACED_PER_SECOND / 10);
      await sleep(100);
    }
    await waitFor(
      'every paced notice at the receiver',
      async () => (run.received.size >= PACED_NOTICES ? true : undefined),
      {
        timeoutMs: 10 * 60_000,
      },
    );
    const pacedDelays = await delays(db.dataSource, 'paced-', run.received);

    const figures: Figure[] = [
      { name: `${NOTICES} notices to a webhook: throughput`, value: Math.round(throughput), unit: '/s' },
      { name: 'burst: outbox-to-receipt delay (median)', value: percentile(burstDelays, 0.5), unit: 'ms' },
      { name: 'burst: outbox-to-receipt delay (p99)', value: percentile(burstDelays, 0.99), unit: 'ms' },
      { name: `paced ${PACED_PER_SECOND}/s: delay (median)`, value: percentile(pacedDelays, 0.5), unit: 'ms' },
      { name: `paced ${PACED_PER_SECOND}/s: delay (p99)`, value: percentile(pacedDelays, 0.99), unit: 'ms' },
    ];
    process.stdout.write(
      `${table(
        ['figure', 'value'],
        figures.map((f) => [f.name, f.unit === 'ms' ? formatMs(f.value) : `${f.value} ${f.unit}`]),
      )}\n`,
    );
    publishFigures(figures);
  } finally {
    await dispatcher.stop();
    receiver.close();
    await db.stop();
  }
}

/** Writes `count` notices in one statement, as many workflows' `notify` activities would. */
async function writeNotices(dataSource: DataSource, prefix: string, count: number): Promise<void> {
  await dataSource.query(
    `INSERT INTO notifications (key, cycle_id, unit_id, kind, recipient_role, subject, due_at, step, month)
     SELECT $1 || '/' || i, 'c-2026', 'u01', 'reminder', 'UNIT_REPORTER', 'Report for month 3 due', now() + interval '3 days',
            'report.submit', 3
     FROM generate_series(1, $2::int) AS i`,
    [prefix, count],
  );
}

/** Receipt time minus outbox time of every notice whose key starts with `prefix`. */
async function delays(dataSource: DataSource, prefix: string, received: Map<string, number>): Promise<number[]> {
  const rows = (await dataSource.query(`SELECT id, created_at FROM notifications WHERE starts_with(key, $1)`, [
    prefix,
  ])) as Array<{ id: string; created_at: Date }>;
  return rows.map((row) => (received.get(row.id) ?? NaN) - row.created_at.getTime());
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function say(line: string): void {
  process.stdout.write(`[delivery] ${line}\n`);
}

runWhenMain(module, 'delivery', main);
