import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SUPERVISION_EVENT_KINDS,
  SUPERVISION_STATUSES,
  type SupervisionEscalationLevel,
  type SupervisionEventKind,
  type SupervisionSnapshot,
  type SupervisionStatus,
} from '@jiebang/contracts';
import type { SupervisionEventEntity, SupervisionItemEntity } from '@jiebang/persistence';

export class SupervisionResponseView {
  @ApiProperty() userId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class SupervisionVerificationView {
  @ApiProperty() userId!: string;
  @ApiProperty() accept!: boolean;
  @ApiProperty({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** A supervision item as stored. */
export class SupervisionItemView {
  @ApiProperty({ example: 'sv-3f2a9c0d1e4b5a67' }) id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() cycleId!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The indicator concerned; the unit is its lead or a cooperating unit',
  })
  indicatorId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: SUPERVISION_STATUSES }) status!: SupervisionStatus;
  @ApiProperty() openedBy!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) deadline!: string;
  @ApiProperty({ format: 'date-time', description: 'When an item still unanswered goes to DISCIPLINE (问责)' })
  accountabilityAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: [0, 1, 2], description: '1: 通报 (ASSESSOR + LEADERSHIP), 2: 问责 (DISCIPLINE)' })
  escalationLevel!: SupervisionEscalationLevel;
  @ApiProperty({ type: [SupervisionResponseView] }) responses!: SupervisionResponseView[];
  @ApiProperty({ type: [SupervisionVerificationView] }) verifications!: SupervisionVerificationView[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
}

export class SupervisionEventView {
  @ApiProperty() seq!: number;
  @ApiProperty({ enum: SUPERVISION_EVENT_KINDS }) kind!: SupervisionEventKind;
  @ApiProperty({ nullable: true, type: String, description: 'Null for what the workflow did on its own' }) actorId!:
    | string
    | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ enum: SUPERVISION_STATUSES }) statusAfter!: SupervisionStatus;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class SupervisionItemDetailView extends SupervisionItemView {
  @ApiProperty({ type: [SupervisionEventView] }) events!: SupervisionEventView[];
  @ApiPropertyOptional({
    description: 'Live state from the item workflow (a Query); null once a closed item has left Temporal',
    type: 'object',
    additionalProperties: true,
    nullable: true,
  })
  live!: SupervisionSnapshot | null;
}

export class OpenSupervisionItemResult {
  @ApiProperty({ description: 'False when the same item (cycle, unit, title) had been opened before' })
  created!: boolean;
  @ApiProperty({ type: SupervisionItemView }) item!: SupervisionItemView;
}

export function toSupervisionItemView(record: SupervisionItemEntity): SupervisionItemView {
  return {
    id: record.id,
    workflowId: record.workflowId,
    cycleId: record.cycleId,
    unitId: record.unitId,
    title: record.title,
    indicatorId: record.indicatorId ?? null,
    description: record.description,
    status: record.status,
    openedBy: record.openedBy,
    openedAt: record.openedAt.toISOString(),
    deadline: record.deadline.toISOString(),
    accountabilityAt: record.accountabilityAt.toISOString(),
    overdue: record.overdue,
    escalationLevel: record.escalationLevel,
    responses: record.responses,
    verifications: record.verifications,
    closedAt: record.closedAt?.toISOString() ?? null,
  };
}

export function toSupervisionEventView(event: SupervisionEventEntity): SupervisionEventView {
  const { seq, kind, actorId, note, statusAfter, at } = event;
  return { seq, kind, actorId, note, statusAfter, at: at.toISOString() };
}
