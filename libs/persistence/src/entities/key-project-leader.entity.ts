import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A leader in command (挂帅领导) of a cycle's key projects, as the scenario names them. */
@Entity({ name: 'key_project_leaders' })
export class KeyProjectLeaderEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  title!: string;
}
