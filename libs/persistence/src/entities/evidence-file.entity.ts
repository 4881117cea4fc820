import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An evidence file of a unit's monthly report; its bytes are in the evidence store under `storageKey`. */
@Entity({ name: 'evidence_files' })
@Index('ix_evidence_files_report', ['cycleId', 'unitId', 'month'])
export class EvidenceFileEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'int' })
  month!: number;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  /** Hex SHA-256 of the bytes as uploaded; checked again on every download. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
