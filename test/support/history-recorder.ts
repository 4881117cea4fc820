import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type History = temporal.api.history.v1.IHistory;
const { History } = temporal.api.history.v1;

/**
 * While `npm run record-histories` runs the integration suites, each suite's dev server is
 * emptied into JIEBANG_RECORD_HISTORIES before it stops: one history per workflow type and
 * *branch signature* (the set of Updates, Signals, activities, timers and child workflows it
 * went through), the longest kept when several share one. Every branch the suites exercise
 * (returns, extensions, appeals, corrections, rejections, escalations, each rung of a case,
 * supervision) is then in the replay guard, without thousands of near-identical files.
 */
export async function recordHistories(client: Client, folder: string): Promise<number> {
  mkdirSync(folder, { recursive: true });
  let written = 0;
  for await (const workflow of client.workflow.list()) {
    const history = await client.workflow.getHandle(workflow.workflowId, workflow.runId).fetchHistory();
    const signature = branchSignature(history);
    const file = join(
      folder,
      `${workflow.type}--${createHash('sha256').update(signature).digest('hex').slice(0, 12)}.binpb`,
    );
    const events = history.events?.length ?? 0;
    if (existsSync(file) && eventCount(file) >= events) continue;
    writeFileSync(file, History.encode(History.fromObject(history)).finish());
    written += 1;
  }
  return written;
}

/** What a history went through, ignoring how many times: names of Updates, Signals, activities, timers, children. */
export function branchSignature(history: History): string {
  const marks = new Set<string>();
  const rung = rungOf(history);
  if (rung) marks.add(`rung:${rung}`); // a case of each rung, though their procedures may take the same steps
  for (const event of history.events ?? []) {
    const update = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name;
    const signal = event.workflowExecutionSignaledEventAttributes?.signalName;
    const activity = event.activityTaskScheduledEventAttributes?.activityType?.name;
    const child = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name;
    const marker = event.markerRecordedEventAttributes?.markerName;
    for (const [kind, name] of [
      ['update', update],
      ['signal', signal],
      ['activity', activity],
      ['child', child],
      ['marker', marker],
    ] as const)
      if (name) marks.add(`${kind}:${name}`);
    if (event.timerFiredEventAttributes) marks.add('timer-fired');
    if (event.workflowExecutionContinuedAsNewEventAttributes) marks.add('continued-as-new');
    if (event.workflowExecutionCompletedEventAttributes) marks.add('completed');
    if (event.workflowExecutionUpdateRejectedEventAttributes) marks.add('update-rejected');
  }
  return [...marks].sort().join('\n');
}

function rungOf(history: History): string | undefined {
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
  if (!payload) return undefined;
  try {
    const input = JSON.parse(Buffer.from(payload).toString('utf8')) as { rung?: unknown };
    return typeof input.rung === 'string' ? input.rung : undefined;
  } catch {
    return undefined;
  }
}

function eventCount(file: string): number {
  return readHistory(file).events?.length ?? 0;
}

/** A history as recordHistories stored it (binary protobuf: exact, compact, no JSON round trip). */
export function readHistory(file: string): temporal.api.history.v1.History {
  return History.decode(readFileSync(file));
}
