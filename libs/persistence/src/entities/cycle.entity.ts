import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Policy } from '@jiebang/domain';
import type { CyclePeriod } from '@jiebang/contracts';

/** One assessment year (考核年度) with its policy and calendar. */
@Entity({ name: 'cycles' })
export class CycleEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'jsonb' })
  policy!: Policy;

  @Column({ type: 'jsonb' })
  periods!: CyclePeriod[];

  /** SHA-256 of the imported scenario, so a re-post of the same document is recognised. */
  @Column({ name: 'scenario_digest', type: 'text' })
  scenarioDigest!: string;

  @Column({ name: 'pledge_opened_at', type: 'timestamptz' })
  pledgeOpenedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
