import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AnnualTask } from '@jiebang/domain';

/** Whether a unit completed its annual task (decided at month 12). */
@Entity({ name: 'annual_results' })
export class AnnualResultEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'boolean' })
  completed!: boolean;

  @Column({ type: 'jsonb' })
  explanation!: AnnualTask;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
