import { ApiProperty } from '@nestjs/swagger';
import type { CycleKeyProjects } from '@jiebang/contracts';
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
