import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A published bulletin (通报) of a month, archived as the PDF that was handed out, with its checksum. */
@Entity({ name: 'bulletin_versions' })
export class BulletinVersionEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'int' })
  month!: number;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** The version of the month's ranking the bulletin prints. */
  @Column({ name: 'ranking_version', type: 'int' })
  rankingVersion!: number;

  @Column({ type: 'text' })
  opening!: string;

  @Column({ type: 'text' })
  closing!: string;

  @Column({ type: 'bytea' })
  pdf!: Buffer;

  /** SHA-256 of `pdf`, hex. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'published_by', type: 'text' })
  publishedBy!: string;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}

/** LEADERSHIP's opening and closing paragraphs of a month's bulletin, before it is published. */
@Entity({ name: 'bulletin_drafts' })
export class BulletinDraftEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'int' })
  month!: number;

  @Column({ type: 'text' })
  opening!: string;

  @Column({ type: 'text' })
  closing!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A public read-only link to a published month's board. Only the SHA-256 of the link's random
 * token is kept, so the table cannot hand out working links; revoking sets `revokedAt`.
 */
@Entity({ name: 'board_links' })
export class BoardLinkEntity {
  @PrimaryColumn({ name: 'token_sha256', type: 'text' })
  tokenSha256!: string;

  @Column({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @Column({ type: 'int' })
  month!: number;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
