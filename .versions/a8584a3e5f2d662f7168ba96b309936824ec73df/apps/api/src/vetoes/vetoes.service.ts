import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { unitSubject, type Actor } from '../../../../libs/contracts/src';
import { MonthRankingEntity, UnitEntity, VetoEntity, insertedAny } from '../../../../libs/persistence/src';
import { ApiException } from '../common/api-exception';
import { AuditService } from '../audit/audit.service';
import type { RecordVetoBody } from './veto.schemas';

/** Veto events (一票否决): recorded by assessors, read by the month close. */
@Injectable()
export class VetoesService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /**
   * Records a veto and its audit row in one transaction: a veto zeroes the unit's score from
   * this month on, so it never exists without who recorded it, why, and a digest of the evidence.
   */
  record(cycleId: string, actor: Actor, body: RecordVetoBody): Promise<VetoEntity> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(UnitEntity, { cycleId, id: body.unitId })))
        throw new ApiException('UNIT_NOT_FOUND', `No unit ${body.unitId} in cycle ${cycleId}`);
      if (await manager.existsBy(MonthRankingEntity, { cycleId, month: body.month })) {
        throw new ApiException(
          'MONTH_CLOSED',
          `Month ${body.month} is already ranked; a veto for it can only change the ranking through an appeal correction`,
        );
      }
      const evidence = body.evidence ?? null;
      // The unique key (cycle, unit, month) decides between two assessors recording at once.
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(VetoEntity)
        .values({
          cycleId,
          unitId: body.unitId,
          month: body.month,
          reason: body.reason,
          evidence,
          recordedBy: actor.userId,
        })
        .orIgnore()
        .execute();
      if (!insertedAny(inserted)) {
        throw new ApiException(
          'VETO_ALREADY_RECORDED',
          `Unit ${body.unitId} already has a veto event for month ${body.month}`,
        );
      }
      const veto = await manager.findOneByOrFail(VetoEntity, { cycleId, unitId: body.unitId, month: body.month });
      await this.audit.record(
        {
          actor,
          role: 'ASSESSOR',
          action: 'veto.recorded',
          subject: unitSubject(cycleId, body.unitId, 'vetoes', body.month),
          cycleId,
          unitId: body.unitId,
          reason: body.reason,
          change: {
            vetoId: veto.id,
            month: body.month,
            evidenceDigest: evidence === null ? null : createHash('sha256').update(evidence).digest('hex'),
          },
        },
        manager,
      );
      return veto;
    });
  }

  list(cycleId: string): Promise<VetoEntity[]> {
    return this.dataSource
      .getRepository(VetoEntity)
      .find({ where: { cycleId }, order: { month: 'ASC', unitId: 'ASC' } });
  }
}
