/** A protobuf Timestamp or Duration: seconds (a Long on the wire, a number in tests) and nanos. */
interface ProtoTime {
  seconds?: { toNumber(): number } | number | null;
  nanos?: number | null;
}

/** The parts of a history event (temporal.api.history.v1.IHistoryEvent) that concern timers. */
interface TimerEvent {
  eventTime?: ProtoTime | null;
  timerStartedEventAttributes?: { timerId?: string | null; startToFireTimeout?: ProtoTime | null } | null;
  timerFiredEventAttributes?: { timerId?: string | null } | null;
  timerCanceledEventAttributes?: { timerId?: string | null } | null;
}

/** Milliseconds of a protobuf Timestamp (since the epoch) or Duration; undefined when absent. */
export function protoTimeMs(time: ProtoTime | null | undefined): number | undefined {
  if (!time) return undefined;
  const seconds =
    time.seconds === null || time.seconds === undefined
      ? 0
      : typeof time.seconds === 'number'
        ? time.seconds
        : time.seconds.toNumber();
  return seconds * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}

export interface PendingTimer {
  timerId: string;
  startedAt: string;
  firesAt: string;
}

/**
 * Durable timers still pending in a history: started, and neither fired nor cancelled.
 * Temporal's describe() does not list timers, so they are read from the events.
 */
export function pendingTimersOf(events: readonly TimerEvent[]): PendingTimer[] {
  const pending = new Map<string, PendingTimer>();
  for (const event of events) {
    const started = event.timerStartedEventAttributes;
    if (started?.timerId) {
      const startedAtMs = protoTimeMs(event.eventTime) ?? 0;
      pending.set(started.timerId, {
        timerId: started.timerId,
        startedAt: new Date(startedAtMs).toISOString(),
        firesAt: new Date(startedAtMs + (protoTimeMs(started.startToFireTimeout) ?? 0)).toISOString(),
      });
    }
    const ended = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
    if (ended) pending.delete(ended);
  }
  return [...pending.values()].sort((a, b) => a.firesAt.localeCompare(b.firesAt));
}
