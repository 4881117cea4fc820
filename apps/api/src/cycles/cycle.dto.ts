import { ApiProperty } from '@nestjs/swagger';
import type { CycleOrganisation, CyclePeriod } from '@jiebang/contracts';
import type { Policy } from '@jiebang/domain';

export class CycleSummary {
  @ApiProperty({ example: '2026-scenario-2026' })
  id!: string;

  @ApiProperty({ example: 'Scenario 2026' })
  name!: string;

  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty()
  categories!: number;

  @ApiProperty()
  units!: number;

  @ApiProperty()
  indicators!: number;

  @ApiProperty({ format: 'date-time' })
  pledgeOpenedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, description: 'null when it cannot be computed' })
  pledgeDeadline!: string | null;

  @ApiProperty({ description: 'The twelve assessment periods', type: 'array', items: { type: 'object' } })
  periods!: CyclePeriod[];

  @ApiProperty({ description: 'The policy with every default filled in', type: 'object', additionalProperties: true })
  policy!: Policy;
}

/** One cycle, with its categories and units by name (the console shows names, never ids). */
export class CycleDetail extends CycleSummary {
  @ApiProperty({
    description: "The cycle's categories and units by name, in id order",
    type: 'object',
    properties: {
      categories: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
      },
      units: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, name: { type: 'string' }, categoryId: { type: 'string' } },
        },
      },
    },
  })
  organisation!: CycleOrganisation;
}

export class CycleImportResult {
  @ApiProperty({ description: 'False when the same document had been imported before' })
  created!: boolean;

  @ApiProperty({ description: 'Unit workflows started by this request (0 on a repeat)' })
  workflowsStarted!: number;

  @ApiProperty({ type: CycleSummary })
  cycle!: CycleSummary;
}
