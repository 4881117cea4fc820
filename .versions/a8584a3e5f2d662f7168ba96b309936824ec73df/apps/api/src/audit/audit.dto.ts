import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Filters of GET /audit; every one optional, combined with AND. */
export class AuditQuery {
  @ApiPropertyOptional({ example: 'u01' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitId?: string;

  @ApiPropertyOptional({ example: '2026-scenario-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cycleId?: string;

  @ApiPropertyOptional({ description: 'A user id, or system:workflow / system:demo-import', example: 'demo-head' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({
    description: 'Exact action, or a prefix ending in "." (e.g. "report.")',
    example: 'pledge.signed',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Until this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Rows older than this seq (paging back: pass nextBeforeSeq)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  beforeSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditEntryView {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'date-time', description: 'UTC' }) occurredAt!: string;
  @ApiProperty({ description: 'A user id, or system:<what> when no person acted' }) actor!: string;
  @ApiPropertyOptional({ nullable: true, description: 'The role the actor acted in' }) role!: string | null;
  @ApiProperty({ example: 'pledge.signed' }) action!: string;
  @ApiProperty({ example: 'cycles/2026-x/units/u01/pledge' }) subject!: string;
  @ApiPropertyOptional({ nullable: true }) cycleId!: string | null;
  @ApiPropertyOptional({ nullable: true }) unitId!: string | null;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'x-request-id of the request that carried the change' })
  requestId!: string | null;
  @ApiPropertyOptional({ nullable: true }) workflowId!: string | null;
  @ApiPropertyOptional({ nullable: true }) runId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'What changed' })
  change!: Record<string, unknown> | null;
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of change' }) changeDigest!: string;
  @ApiProperty() prevHash!: string;
  @ApiProperty({ description: "SHA-256 of prevHash and this row's canonical content" }) hash!: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView], description: 'Newest first' }) entries!: AuditEntryView[];
  @ApiPropertyOptional({
    nullable: true,
    description: 'Pass as beforeSeq for the next (older) page; null at the start of the trail',
  })
  nextBeforeSeq!: number | null;
}

export class ChainBreakView {
  @ApiProperty({ description: 'The first row at which the chain breaks' }) seq!: number;
  @ApiProperty({ enum: ['sequence_gap', 'prev_hash_mismatch', 'change_digest_mismatch', 'hash_mismatch'] })
  problem!: string;
  @ApiProperty() message!: string;
}

export class AuditVerificationView {
  @ApiProperty() ok!: boolean;
  @ApiProperty() rowsChecked!: number;
  @ApiPropertyOptional({ nullable: true }) lastGoodSeq!: number | null;
  @ApiProperty() lastGoodHash!: string;
  @ApiPropertyOptional({ type: ChainBreakView, nullable: true }) firstBreak!: ChainBreakView | null;
}
