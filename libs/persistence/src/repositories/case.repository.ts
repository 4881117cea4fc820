import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseStatus } from '@jiebang/contracts';
import { CaseEntity, CaseEventEntity } from '../entities';

/** Which cases a listing shows; an absent field does not narrow it. */
export interface CaseFilter {
  cycleId?: string;
  unitId?: string;
  status?: CaseStatus;
}

/** The stored cases (their workflows' read model) and their events. */
@Injectable()
export class CaseRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  list(filter: CaseFilter): Promise<CaseEntity[]> {
    return this.dataSource
      .getRepository(CaseEntity)
      .find({ where: filter, order: { cycleId: 'ASC', unitId: 'ASC', month: 'ASC', openedAt: 'ASC' } });
  }

  findById(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ id });
  }

  /** The cases the month fired in the cycle (only `unitId`'s when given), by id. */
  ofMonth(cycleId: string, month: number, unitId?: string): Promise<CaseEntity[]> {
    return this.dataSource
      .getRepository(CaseEntity)
      .find({ where: { cycleId, month, ...(unitId === undefined ? {} : { unitId }) }, order: { id: 'ASC' } });
  }

  eventsOf(caseId: string): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }
}
