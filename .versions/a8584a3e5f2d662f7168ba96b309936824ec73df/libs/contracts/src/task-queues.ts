/**
 * The task queues a deployment polls, named from its configured queue (TEMPORAL_TASK_QUEUE).
 * Unit, case and supervision workflows run on the configured queue itself. Month closes run on
 * a queue of their own: after each month's outcomes reach a district, a thousand unit workflows
 * wake at once, and the next close must not wait in line behind them.
 */
export function taskQueuesOf(taskQueue: string): { units: string; cycles: string } {
  return { units: taskQueue, cycles: `${taskQueue}-cycles` };
}
