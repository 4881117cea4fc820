import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RankingCause } from '@jiebang/contracts';
import type { IndicatorScoreRow, RankingStatus } from '@jiebang/persistence';

export class UnitScoreView {
  @ApiProperty() unit!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ description: 'Unrounded; round to 2 decimals for display' }) score!: number;
  @ApiProperty() rank!: number;
  @ApiProperty() lagging!: boolean;
  @ApiProperty() vetoed!: boolean;
  @ApiProperty() reported!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) indicators!: IndicatorScoreRow[];
}

export class MonthRankingView {
  @ApiProperty() cycleId!: string;
  @ApiProperty() month!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['provisional', 'final', 'published', 'superseded'] }) status!: RankingStatus;
  @ApiProperty({ description: 'Why this version exists, in English' }) reason!: string;
  @ApiProperty({
    description:
      'The same as data: month_settled {units}, closed_by_assessor {settled, units} or appeal_corrected {unitId, comment}; null for versions frozen before it was recorded',
    type: 'object',
    nullable: true,
    additionalProperties: true,
  })
  cause!: RankingCause | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) publishedBy!: string | null;
  @ApiProperty({ type: [UnitScoreView] }) units!: UnitScoreView[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Cases this version fires, with explanations' })
  cases!: unknown[];
}
