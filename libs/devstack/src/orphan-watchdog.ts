/**
 * A small process `npm start` leaves beside it: when `npm start` dies without stopping its
 * services (kill -9, the OOM killer, a closed terminal), the watchdog stops them in order
 * from their pid files. Run as `node orphan-watchdog.js <runDir> <supervisorPid> <order,...>`.
 * It is detached (its own session), so a terminal's hang-up or Ctrl-C does not reach it.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, processStartTime, stopRecordedProcesses } from './pid-files';

const POLL_MS = 500;

async function main(): Promise<void> {
  const [runDir, supervisorPid, order] = process.argv.slice(2);
  if (!runDir || !supervisorPid) throw new Error('usage: orphan-watchdog <runDir> <supervisorPid> [order,...]');
  const supervisor = { pid: Number(supervisorPid), startTime: processStartTime(Number(supervisorPid)) };
  const log = (line: string) => appendFileSync(join(runDir, 'watchdog.log'), `${new Date().toISOString()} ${line}\n`);
  for (const signal of ['SIGINT', 'SIGHUP'] as const) process.on(signal, () => undefined);
  process.on('SIGTERM', () => process.exit(0)); // the supervisor's own, orderly shutdown
  while (isAlive(supervisor)) await new Promise((done) => setTimeout(done, POLL_MS));
  log(`npm start (pid ${supervisor.pid}) is gone; stopping what it ran`);
  const stopped = await stopRecordedProcesses(runDir, (order ?? '').split(',').filter(Boolean), log);
  log(`stopped ${stopped.join(', ') || 'nothing (all had exited)'}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
