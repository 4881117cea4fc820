import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A key project (重点项目) of a cycle: its owner unit, leader in command, the indicator it feeds and its planned investment. */
@Entity({ name: 'key_projects' })
@Index('ix_key_projects_unit', ['cycleId', 'unitId'])
@Index('ix_key_projects_leader', ['cycleId', 'leaderId'])
export class KeyProjectEntity {
  @PrimaryColumn({ name: 'cycle_id', type: 'text' })
  cycleId!: string;

  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** Its place in the scenario's list: projects are listed as imported. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ name: 'leader_id', type: 'text' })
  leaderId!: string;

  @Column({ name: 'indicator_id', type: 'text' })
  indicatorId!: string;

  /** Total planned investment of the project. */
  @Column({ name: 'planned_investment', type: 'double precision' })
  plannedInvestment!: number;

  /** The part planned for the cycle's year. */
  @Column({ name: 'year_investment', type: 'double precision' })
  yearInvestment!: number;
}
