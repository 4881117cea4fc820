import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { NotificationKind, PendingStep, UnitCycleStatus } from '@jiebang/contracts';

export class IndicatorView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() dimension!: string;
  @ApiProperty({ enum: ['increase', 'decrease'] }) direction!: string;
  @ApiProperty({ enum: ['cumulative', 'rate'] }) measure!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() satisfactory!: number;
  @ApiProperty() disallowed!: number;
  @ApiPropertyOptional({ type: [Number], nullable: true }) plan!: number[] | null;
  @ApiProperty({ enum: ['zero', 'continuous'], nullable: true, description: '零基考核 / 连续考核, as imported' })
  basis!: 'zero' | 'continuous' | null;
  @ApiProperty({ type: [String], description: 'Cooperating units (配合单位); this unit leads (牵头)' })
  cooperating!: string[];
}

export class PledgeRecordView {
  @ApiProperty({ description: 'The account id of the head who signed' }) signedBy!: string;
  @ApiProperty({ description: "The signer's display name (the account id if the account is gone)" })
  signedByName!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty() late!: boolean;
}

export class NotificationView {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: ['reminder', 'deadline', 'escalation'] }) kind!: NotificationKind;
  @ApiProperty() recipientRole!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class EscalationView {
  @ApiProperty() addressedTo!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
}

export class UnitView {
  @ApiProperty() cycleId!: string;
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() categoryId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The head (一把手), as imported' }) head!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The deputy in charge (分管负责同志), as imported' })
  deputy!: string | null;
  @ApiProperty() workflowId!: string;
  @ApiProperty({
    description: "The unit's year as its workflow recorded it in Postgres (the read model; no Query)",
    type: 'object',
    additionalProperties: true,
  })
  workflow!: UnitCycleStatus;
  @ApiProperty({
    description: "The human steps the unit's year waits for (as GET /admin/tasks lists them), from the same read model",
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  pendingSteps!: PendingStep[];
  @ApiProperty({ type: [IndicatorView] }) indicators!: IndicatorView[];
  @ApiPropertyOptional({ type: PledgeRecordView, nullable: true }) pledge!: PledgeRecordView | null;
  @ApiProperty({ type: [NotificationView] }) notifications!: NotificationView[];
  @ApiProperty({ type: [EscalationView] }) escalations!: EscalationView[];
}

export class SignPledgeResponse {
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ description: 'Signed after the deadline' }) late!: boolean;
}
