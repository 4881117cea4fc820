import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AnnualResultEntity } from '../entities';

/** The year's outcome per unit, as the cycle recorded it at month 12. */
@Injectable()
export class AnnualResultRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Every unit's result in the cycle, or only `unitId`'s, by unit. */
  list(cycleId: string, unitId?: string): Promise<AnnualResultEntity[]> {
    return this.dataSource
      .getRepository(AnnualResultEntity)
      .find({ where: { cycleId, ...(unitId === undefined ? {} : { unitId }) }, order: { unitId: 'ASC' } });
  }
}
