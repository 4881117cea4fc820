import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { MONTHS_IN_CYCLE } from '../../../../libs/domain/src';
import { unitSubject, type Actor } from '../../../../libs/contracts/src';
import { UnitEntity, VetoEntity, insertedAny } from '../../../../libs/persistence/src';
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
      const effectiveMonth = await firstMonthNotRankedFrom(manager, cycleId, body.month);
      if (effectiveMonth > MONTHS_IN_CYCLE)
        throw new ApiException(
          'MONTH_CLOSED',
          `Every month of cycle ${cycleId} is ranked; a veto can no longer apply to any month`,
        );
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
          effectiveMonth,
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
            effectiveMonth,
            evidenceDigest: evidence === null ? null : createHash('sha256').update(evidence).digest('hex'),
          },
        },
        manager,
      );
      return veto;
    });
  }

  /** Vetoes in the order they take effect. */
  list(cycleId: string): Promise<VetoEntity[]> {
    return this.dataSource
      .getRepository(VetoEntity)
      .find({ where: { cycleId }, order: { month: 'ASC', unitId: 'ASC' } });
  }
}

/**
 * The rulebook's "Veto items": a veto recorded for a month already ranked applies from the first
 * month not yet ranked. Months rank in order, so that is the month after the last ranked one.
 */
async function firstMonthNotRankedFrom(manager: EntityManager, cycleId: string, month: number): Promise<number> {
  const rows = (await manager.query('SELECT max(month) AS last FROM month_rankings WHERE cycle_id = $1', [
    cycleId,
  ])) as Array<{ last: number | null }>;
  return Math.max(month, (rows[0]?.last ?? 0) + 1);
}
