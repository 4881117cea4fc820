import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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
