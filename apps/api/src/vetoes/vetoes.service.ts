import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { unitSubject, type Actor } from '@jiebang/contracts';
import { MONTHS_IN_CYCLE } from '@jiebang/domain';
import { CycleRepository, MonthRankingRepository, VetoRepository, type VetoEntity } from '@jiebang/persistence';
import { ApiException } from '../common/api-exception';
import { AuditService } from '../audit/audit.service';
import { requireSeparationOfDuties } from '../common/separation-of-duties';
import type { RecordVetoBody } from '@jiebang/contracts/http/vetoes';
import { visibleUnitFilter } from '../common/unit-scope';

/** Veto events (一票否决): recorded by assessors, read by the month close. */
@Injectable()
export class VetoesService {
  constructor(
    @Inject(VetoRepository) private readonly vetoes: VetoRepository,
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(MonthRankingRepository) private readonly rankings: MonthRankingRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /**
   * Records a veto and its audit row in one transaction: from this month on the unit is graded
   * failed and ranked last of its category whatever its score (the score itself stands), so a
   * veto never exists without who recorded it, why, and a digest of the evidence.
   */
  async record(cycleId: string, actor: Actor, body: RecordVetoBody): Promise<VetoEntity> {
    requireSeparationOfDuties(actor, 'veto', { unitId: body.unitId });
    if (!(await this.cycles.hasUnit(cycleId, body.unitId)))
      throw new ApiException('UNIT_NOT_FOUND', `No unit ${body.unitId} in cycle ${cycleId}`, undefined, {
        unit: body.unitId,
        cycle: cycleId,
      });
    // The rulebook ("Veto items"): recorded for a month already ranked, a veto applies from the first month not yet ranked.
    const effectiveMonth = Math.max(body.month, (await this.rankings.lastRankedMonth(cycleId)) + 1);
    if (effectiveMonth > MONTHS_IN_CYCLE)
      throw new ApiException('MONTH_CLOSED', `Every month of cycle ${cycleId} is ranked; a veto can no longer apply`);
    const evidence = body.evidence ?? null;
    const veto = await this.vetoes.insertOnce(
      {
        cycleId,
        unitId: body.unitId,
        month: body.month,
        effectiveMonth,
        reason: body.reason,
        evidence,
        recordedBy: actor.userId,
      },
      (manager, stored) =>
        this.audit.record(
          {
            actor,
            role: 'ASSESSOR',
            action: 'veto.recorded',
            subject: unitSubject(cycleId, body.unitId, 'vetoes', body.month),
            cycleId,
            unitId: body.unitId,
            reason: body.reason,
            change: {
              vetoId: stored.id,
              month: body.month,
              effectiveMonth,
              evidenceDigest: evidence === null ? null : createHash('sha256').update(evidence).digest('hex'),
            },
          },
          manager,
        ),
    );
    if (!veto)
      throw new ApiException(
        'VETO_ALREADY_RECORDED',
        `Unit ${body.unitId} already has a veto event for month ${body.month}`,
      );
    return veto;
  }

  /** The cycle's veto events; unit people see their own unit's only. */
  list(cycleId: string, actor: Actor): Promise<VetoEntity[]> {
    return this.vetoes.list(cycleId, visibleUnitFilter(actor, undefined));
  }
}
