import { ApiProperty } from '@nestjs/swagger';
import type { CycleKeyProjects } from '@jiebang/contracts';
import type { KeyProject, Leader } from '@jiebang/domain';

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
