import { describe, expect, it } from 'vitest';
import { pendingTimersOf } from './workflow-timers';

const at = (seconds: number) => ({ seconds, nanos: 0 });

describe('pendingTimersOf', () => {
  it('lists timers started and neither fired nor cancelled, soonest first, with when they fire', () => {
    const events = [
      { eventTime: at(1_000), timerStartedEventAttributes: { timerId: '1', startToFireTimeout: at(60) } },
      { eventTime: at(1_000), timerStartedEventAttributes: { timerId: '2', startToFireTimeout: at(30) } },
      { eventTime: at(1_010), timerStartedEventAttributes: { timerId: '3', startToFireTimeout: at(5) } },
      { eventTime: at(1_015), timerFiredEventAttributes: { timerId: '3' } },
      { eventTime: at(1_020), timerStartedEventAttributes: { timerId: '4', startToFireTimeout: at(5) } },
      { eventTime: at(1_021), timerCanceledEventAttributes: { timerId: '4' } },
    ];
    expect(pendingTimersOf(events)).toEqual([
      { timerId: '2', startedAt: new Date(1_000_000).toISOString(), firesAt: new Date(1_030_000).toISOString() },
      { timerId: '1', startedAt: new Date(1_000_000).toISOString(), firesAt: new Date(1_060_000).toISOString() },
    ]);
  });

  it('has none in a history without timers', () => {
    expect(
      pendingTimersOf([{ eventTime: at(1) }, { eventTime: at(2), timerFiredEventAttributes: { timerId: '9' } }]),
    ).toEqual([]);
  });
});
