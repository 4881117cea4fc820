import { describe, expect, it } from 'vitest';
import { stepLinkOf } from '@jiebang/contracts/message-catalogue';
import { NOTIFICATION_STEPS, type NotificationStep } from '@jiebang/contracts/notification';
import { consoleLinkOf } from './step-link';

const facts = (step: NotificationStep | null) => ({
  step,
  cycleId: 'c-2026',
  unitId: 'u01',
  month: 3,
  subjectId: 'x1',
});

/** The console page each step's message opens. */
const CONSOLE_PAGES: Record<NotificationStep, string> = {
  'pledge.sign': '/units/u01/pledge',
  'report.submit': '/units/u01/reports/3',
  'report.confirm': '/units/u01/reports/3',
  'report.review': '/units/u01/reports/3',
  'case.decide': '/cases/x1',
  'case.record': '/cases/x1',
  'supervision.respond': '/supervision/x1',
  'escalation.acknowledge': '/escalations',
  'bulletin.read': '/board?month=3',
};

describe('a message opens the console page of its step', () => {
  it.each(NOTIFICATION_STEPS)('%s', (step) => {
    expect(consoleLinkOf(stepLinkOf(facts(step)))).toEqual({
      path: CONSOLE_PAGES[step],
      cycleId: /^\/(units|board)/.test(CONSOLE_PAGES[step]) ? 'c-2026' : null,
    });
  });

  it('opens the unit’s year for a notice of no step, my tasks for a notice of no unit, and the digest’s message centre', () => {
    expect(consoleLinkOf(stepLinkOf(facts(null)))).toEqual({ path: '/units/u01', cycleId: 'c-2026' });
    expect(consoleLinkOf('/cycles/c-2026')).toEqual({ path: '/tasks', cycleId: 'c-2026' });
    expect(consoleLinkOf('/messages')).toEqual({ path: '/messages', cycleId: null });
  });
});
