import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '@jiebang/activities';
import type { SignPledgeRequest } from '@jiebang/contracts';
import { keepGoingOnFailure, RECORDING_ACTIVITY_OPTIONS } from '../activity-options';
import { happensBefore } from '../deadlines';
import { reject, type UnitYear } from './unit-year';

// The pledge (军令状): the head signs it, reminded before its deadline and escalated when it passes;
// a late signature is still taken.

const { recordPledge } = keepGoingOnFailure(proxyActivities<Activities>(RECORDING_ACTIVITY_OPTIONS));

/** Waits for the head's signature, reminding before the deadline and escalating when it passes. */
export async function collectPledge(unit: UnitYear): Promise<void> {
  if (unit.pledge.escalated) return; // by a run before this one
  const signed = () => unit.pledge.signed;
  for (const remindAt of unit.input.pledgeReminders) {
    if (await happensBefore(signed, remindAt)) return;
    await unit.notifyUnit(
      'pledge',
      'reminder',
      remindAt,
      'UNIT_HEAD',
      `Pledge due ${unit.input.pledgeDeadline}: please sign`,
      { step: 'pledge.sign' },
    );
  }
  if (await happensBefore(signed, unit.input.pledgeDeadline)) return;
  await unit.notifyUnit(
    'pledge',
    'deadline',
    unit.input.pledgeDeadline,
    'UNIT_HEAD',
    'Pledge deadline reached without a signature',
    { step: 'pledge.sign' },
  );
  const reason = `Pledge not signed by its deadline ${unit.input.pledgeDeadline}`;
  await unit.escalate('pledge', 'ORG_DEPT', reason, () =>
    unit.trail.entry('pledge.escalated', ['pledge'], { reason, change: { addressedTo: 'ORG_DEPT' } }),
  );
  await unit.notifyUnit('pledge-escalation', 'escalation', unit.input.pledgeDeadline, 'ORG_DEPT', reason, {
    step: 'escalation.acknowledge',
  });
  unit.pledge.escalated = true;
  log.info('pledge escalated to ORG_DEPT', { unitId: unit.input.unitId });
  // A late signature is still taken (signPledge) and recorded as late; nothing waits for it.
}

export function validatePledge(unit: UnitYear, _request: SignPledgeRequest): void {
  if (unit.pledge.signed)
    reject(
      'PLEDGE_ALREADY_SIGNED',
      `The pledge was already signed by ${unit.pledge.signedBy} at ${unit.pledge.signedAt}`,
    );
  if (unit.phase === 'closed') reject('NOT_IN_PLEDGE_PHASE', "The unit's year is closed");
}

export async function signPledge(unit: UnitYear, { actor }: SignPledgeRequest) {
  const signedAt = new Date().toISOString();
  const late = Date.parse(signedAt) > Date.parse(unit.input.pledgeDeadline);
  Object.assign(unit.pledge, { signed: true, signedBy: actor.userId, signedAt, late });
  if (unit.phase === 'pledge') unit.enter('reporting');
  const audit = unit.trail.entry('pledge.signed', ['pledge'], {
    actor,
    role: 'UNIT_HEAD',
    change: { signedAt, late },
  });
  await recordPledge({
    cycleId: unit.input.cycleId,
    unitId: unit.input.unitId,
    signedBy: actor.userId,
    signedAt,
    late,
    audit,
  });
  return { signedAt, late };
}
