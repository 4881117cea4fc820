import { ApiProperty } from '@nestjs/swagger';
import type { CycleKeyProjects, LeaderPortfolio, ProjectMap, ProjectOnMap } from '@jiebang/contracts';
import type { KeyProject, Leader, MilestoneKind } from '@jiebang/domain';

/** `GET /cycles/{id}/projects`: the shapes are the scenario's own `leaders` and `projects`. */
export class CycleKeyProjectsView implements CycleKeyProjects {
  @ApiProperty({
    description: 'Leaders in command (挂帅领导), in id order: { id, name, title }',
    type: 'array',
    items: { type: 'object' },
  })
  leaders!: Leader[];

  @ApiProperty({
    description:
      'Key projects (重点项目) as imported: { id, name, unit, leader, indicator, plannedInvestment, yearInvestment, milestones: [{ kind, due }] }',
    type: 'array',
    items: { type: 'object' },
  })
  projects!: KeyProject[];
}

/** `POST /cycles/{id}/projects/{projectId}/progress`: the month's progress as stored. */
export class ProjectProgressView {
  @ApiProperty({ description: 'The key project' })
  project!: string;

  @ApiProperty({ description: 'The month of the cycle, 1..12' })
  month!: number;

  @ApiProperty({ description: "The year's investment to date" })
  investment!: number;

  @ApiProperty({ description: 'Milestones first reached this month', type: [String] })
  milestones!: MilestoneKind[];

  @ApiProperty({ description: 'Why the investment is lower than last month', nullable: true, type: String })
  reason!: string | null;

  @ApiProperty({ description: 'A note on the evidence', nullable: true, type: String })
  evidence!: string | null;

  @ApiProperty({ description: 'Who reported it' })
  reportedBy!: string;
}

/** `GET /cycles/{id}/projects/map` (the shapes are `ProjectMap` of the contracts). */
export class ProjectMapView implements ProjectMap {
  @ApiProperty({ description: "How many months' progress has closed; slips and stalled months are judged over them" })
  closedMonths!: number;

  @ApiProperty({
    description:
      'Projects: plan, unitName, category, leaderName, investmentToDate, milestones [{ kind, due, month, reachedMonth, standing: done|due|overdue }], slipped, stalledMonths, stalled, progress',
    type: 'array',
    items: { type: 'object' },
  })
  projects!: ProjectOnMap[];
}

/** One leader's portfolio (挂帅) (the shape is `LeaderPortfolio` of the contracts). */
export class LeaderPortfolioView implements LeaderPortfolio {
  @ApiProperty({ description: '{ id, name, title }', type: 'object', additionalProperties: true })
  leader!: LeaderPortfolio['leader'];

  @ApiProperty({ description: 'The month whose ranking gives the lights; 0 before any' })
  rankedMonth!: number;

  @ApiProperty({ description: "The leader's projects, as on the map", type: 'array', items: { type: 'object' } })
  projects!: ProjectOnMap[];

  @ApiProperty({ description: 'The owner units of those projects', type: [String] })
  units!: string[];

  @ApiProperty({ description: '{ indicator, unit, light }', type: 'array', items: { type: 'object' } })
  indicators!: LeaderPortfolio['indicators'];

  @ApiProperty({ description: '{ project, milestone, month }', type: 'array', items: { type: 'object' } })
  slips!: LeaderPortfolio['slips'];

  @ApiProperty({ description: 'Projects stalled in the last closed month', type: [String] })
  stalledProjects!: string[];

  @ApiProperty({ description: '{ itemId, unitId, title, status, deadline }', type: 'array', items: { type: 'object' } })
  overdueItems!: LeaderPortfolio['overdueItems'];
}
