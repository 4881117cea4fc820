import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiProperty() reason!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) publishedBy!: string | null;
  @ApiProperty({ type: [UnitScoreView] }) units!: UnitScoreView[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Cases this version fires, with explanations' })
  cases!: unknown[];
}
