import { ApiProperty } from '@nestjs/swagger';
import { AdminTaskView } from '../admin/admin.dto';

export class MyTasksView {
  @ApiProperty({
    type: [AdminTaskView],
    description: 'The steps the signed-in person may take: overdue first (longest overdue first), then by due date',
  })
  tasks!: AdminTaskView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'How many of each kind of step, before the step and due filters',
    example: { 'report.submit': 1, 'case.decide': 2 },
  })
  counts!: Record<string, number>;
  @ApiProperty({ description: 'How many are overdue, before the step and due filters' }) overdue!: number;
}
