import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../notification';
import type { UnitCycleStatus } from '../unit-cycle';
import type { PendingStep } from '../pending-steps';
import { opaque } from './fields';

// Answers

export const indicatorView = z.object({
  id: z.string(),
  name: z.string(),
  dimension: z.string(),
  direction: z.enum(['increase', 'decrease']),
  measure: z.enum(['cumulative', 'rate']),
  weight: z.number(),
  satisfactory: z.number(),
  disallowed: z.number(),
  plan: z.array(z.number()).nullable(),
  basis: z.enum(['zero', 'continuous']).nullable().describe('零基考核 / 连续考核, as imported'),
  cooperating: z.array(z.string()).describe('Cooperating units (配合单位); this unit leads (牵头)'),
});
export type IndicatorView = z.infer<typeof indicatorView>;

export const pledgeRecordView = z.object({
  signedBy: z.string().describe('The account id of the head who signed'),
  signedByName: z.string().describe("The signer's display name (the account id if the account is gone)"),
  signedAt: z.iso.datetime(),
  late: z.boolean(),
});
export type PledgeRecordView = z.infer<typeof pledgeRecordView>;

export const notificationView = z.object({
  key: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  recipientRole: z.string(),
  subject: z.string(),
  dueAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const escalationView = z.object({
  addressedTo: z.string(),
  reason: z.string(),
  status: z.string(),
  openedAt: z.iso.datetime(),
});
export type EscalationView = z.infer<typeof escalationView>;

export const projectInvestmentMonthView = z.object({
  month: z.number().int().min(1).max(12),
  investment: z
    .number()
    .nullable()
    .describe('The sum of the investment to date its projects reported for this month; null when none reported'),
  reportedProjects: z.number().int().describe('How many of its projects reported this month'),
  reportedValue: z
    .number()
    .nullable()
    .describe("The unit's value of the indicator in this month's report (null: none yet)"),
  mismatch: z
    .boolean()
    .describe('Both known and different (项目投资合计与填报值不一致): shown to the reviewer, not refused'),
});
export type ProjectInvestmentMonthView = z.infer<typeof projectInvestmentMonthView>;

export const projectInvestmentView = z.object({
  indicatorId: z.string(),
  projects: z.array(z.string()).describe('The key projects feeding the indicator, in the order imported'),
  months: z.array(projectInvestmentMonthView).describe('Months 1..12'),
});
export type ProjectInvestmentView = z.infer<typeof projectInvestmentView>;

export const unitView = z.object({
  cycleId: z.string(),
  id: z.string(),
  name: z.string(),
  categoryId: z.string(),
  head: z.string().nullable().describe('The head (一把手), as imported'),
  deputy: z.string().nullable().describe('The deputy in charge (分管负责同志), as imported'),
  workflowId: z.string(),
  workflow: opaque<UnitCycleStatus>().describe(
    "The unit's year as its workflow recorded it in Postgres (the read model; no Query)",
  ),
  pendingSteps: z
    .array(opaque<PendingStep>())
    .describe("The human steps the unit's year waits for (as GET /admin/tasks lists them), from the same read model"),
  indicators: z.array(indicatorView),
  pledge: pledgeRecordView.nullable(),
  notifications: z.array(notificationView),
  escalations: z.array(escalationView),
  projectInvestment: z
    .array(projectInvestmentView)
    .describe("The unit's indicators fed by key projects (项目投资合计), in indicator order; empty without projects"),
});
export type UnitView = z.infer<typeof unitView>;

export const signPledgeResponse = z.object({
  signedAt: z.iso.datetime(),
  late: z.boolean().describe('Signed after the deadline'),
});
export type SignPledgeResponse = z.infer<typeof signPledgeResponse>;
