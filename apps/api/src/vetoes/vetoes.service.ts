import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../../../libs/contracts/src';
import { MonthRankingEntity, UnitEntity, VetoEntity } from '../../../../libs/persistence/src';
import { ApiException } from '../common/api-exception';
import type { RecordVetoBody } from './veto.schemas';

/** Veto events (一票否决): recorded by assessors, read by the month close. */
@Injectable()
export class VetoesService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async record(cycleId: string, actor: Actor, body: RecordVetoBody): Promise<VetoEntity> {
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ cycleId, id: body.unitId });
    if (!unit) throw new ApiException('UNIT_NOT_FOUND', `No unit ${body.unitId} in cycle ${cycleId}`);
    if (await this.dataSource.getRepository(MonthRankingEntity).existsBy({ cycleId, month: body.month })) {
      throw new ApiException('MONTH_CLOSED', `Month ${body.month} is already ranked; a veto for it can only change the ranking through an appeal correction`);
    }
    const existing = await this.dataSource.getRepository(VetoEntity).findOneBy({ cycleId, unitId: body.unitId, month: body.month });
    if (existing) throw new ApiException('VETO_ALREADY_RECORDED', `Unit ${body.unitId} already has a veto event for month ${body.month}`);
    return this.dataSource.getRepository(VetoEntity).save({ cycleId, unitId: body.unitId, month: body.month, reason: body.reason, evidence: body.evidence ?? null, recordedBy: actor.userId });
  }

  list(cycleId: string): Promise<VetoEntity[]> {
    return this.dataSource.getRepository(VetoEntity).find({ where: { cycleId }, order: { month: 'ASC', unitId: 'ASC' } });
  }
}
