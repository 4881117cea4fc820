import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The bytes of an evidence file when the evidence store is Postgres (EVIDENCE_STORE=postgres). */
@Entity({ name: 'evidence_blobs' })
export class EvidenceBlobEntity {
  @PrimaryColumn({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
