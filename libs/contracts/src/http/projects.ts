import { z } from 'zod';
import { boundedValueSchema } from '@jiebang/domain';
import { idValue, text, TEXT_LIMITS } from './fields';
import type { LeaderPortfolio, ProjectOnMap } from '..';
import { MILESTONE_KINDS, type KeyProject, type Leader } from '@jiebang/domain';
import { opaque } from './fields';

/**
 * `POST /cycles/{id}/projects/{projectId}/progress`: one month's progress of a key project. The
 * milestones are checked against the project's own plan by the service (a kind of another project
 * is a 400 with its path), so any string is accepted here.
 */
export const reportProgressBody = z.strictObject({
  month: z.number().int().min(1).max(12),
  investment: boundedValueSchema('investment').nonnegative({ message: 'investment cannot be negative' }),
  milestones: z.array(z.string().min(1).max(40)).max(5).default([]),
  /** Required when the investment to date is lower than the last month's figure. */
  reason: text(TEXT_LIMITS.long).optional(),
  /** A note on the evidence: the document, the photo, where it can be seen. */
  evidence: text(TEXT_LIMITS.long).optional(),
});
export type ReportProgressBody = z.infer<typeof reportProgressBody>;

/** `GET /cycles/{id}/projects/map`: optional filters by owner unit, leader in command and the unit's category. */
export const projectMapQuery = z.strictObject({
  unit: idValue.optional(),
  leader: idValue.optional(),
  category: idValue.optional(),
});
export type ProjectMapQuery = z.infer<typeof projectMapQuery>;

// Answers

/** `GET /cycles/{id}/projects`: the shapes are the scenario's own `leaders` and `projects`. */
export const cycleKeyProjectsView = z.object({
  leaders: z.array(opaque<Leader>()).describe('Leaders in command (挂帅领导), in id order: { id, name, title }'),
  projects: z
    .array(opaque<KeyProject>())
    .describe(
      'Key projects (重点项目) as imported: { id, name, unit, leader, indicator, plannedInvestment, yearInvestment, milestones: [{ kind, due }] }',
    ),
});
export type CycleKeyProjectsView = z.infer<typeof cycleKeyProjectsView>;

/** `POST /cycles/{id}/projects/{projectId}/progress`: the month's progress as stored. */
export const projectProgressView = z.object({
  project: z.string().describe('The key project'),
  month: z.number().describe('The month of the cycle, 1..12'),
  investment: z.number().describe("The year's investment to date"),
  milestones: z.array(z.enum(MILESTONE_KINDS)).describe('Milestones first reached this month'),
  reason: z.string().nullable().describe('Why the investment is lower than last month'),
  evidence: z.string().nullable().describe('A note on the evidence'),
  reportedBy: z.string().describe('Who reported it'),
});
export type ProjectProgressView = z.infer<typeof projectProgressView>;

/** `GET /cycles/{id}/projects/map` (the shapes are `ProjectMap` of the contracts). */
export const projectMapView = z.object({
  closedMonths: z
    .number()
    .describe("How many months' progress has closed; slips and stalled months are judged over them"),
  projects: z
    .array(opaque<ProjectOnMap>())
    .describe(
      'Projects: plan, unitName, category, leaderName, investmentToDate, milestones [{ kind, due, month, reachedMonth, standing: done|due|overdue }], slipped, stalledMonths, stalled, progress',
    ),
});
export type ProjectMapView = z.infer<typeof projectMapView>;

/** One leader's portfolio (挂帅) (the shape is `LeaderPortfolio` of the contracts). */
export const leaderPortfolioView = z.object({
  leader: opaque<LeaderPortfolio['leader']>().describe('{ id, name, title }'),
  rankedMonth: z.number().describe('The month whose ranking gives the lights; 0 before any'),
  projects: z.array(opaque<ProjectOnMap>()).describe("The leader's projects, as on the map"),
  units: z.array(z.string()).describe('The owner units of those projects'),
  indicators: z.array(opaque<LeaderPortfolio['indicators'][number]>()).describe('{ indicator, unit, light }'),
  slips: z.array(opaque<LeaderPortfolio['slips'][number]>()).describe('{ project, milestone, month }'),
  stalledProjects: z.array(z.string()).describe('Projects stalled in the last closed month'),
  overdueItems: z
    .array(opaque<LeaderPortfolio['overdueItems'][number]>())
    .describe('{ itemId, unitId, title, status, deadline }'),
});
export type LeaderPortfolioView = z.infer<typeof leaderPortfolioView>;
