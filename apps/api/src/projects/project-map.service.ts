import { Inject, Injectable } from '@nestjs/common';
import type { Actor, LeaderPortfolio, ProjectMap } from '@jiebang/contracts';
import { AccountRepository, CycleRepository, ProjectBoard, type CycleEntity } from '@jiebang/persistence';
import { DataSource } from 'typeorm';
import { ApiException } from '../common/api-exception';
import type { ProjectMapQuery } from '@jiebang/contracts/http/projects';

/**
 * The project map (挂图作战) and the leaders' portfolios (挂帅) of a cycle, as `ProjectBoard`
 * reads them (the rules of `libs/domain` over the closed months), with who may see which.
 */
@Injectable()
export class ProjectMapService {
  private readonly board: ProjectBoard;

  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(CycleRepository) private readonly cycles: CycleRepository,
    @Inject(DataSource) dataSource: DataSource,
  ) {
    this.board = new ProjectBoard(dataSource);
  }

  /** Every project of the cycle on the map, filtered by owner unit, leader and the unit's category. */
  async map(cycleId: string, filter: ProjectMapQuery = {}): Promise<ProjectMap> {
    return this.board.map(await this.findCycle(cycleId), filter);
  }

  /**
   * The portfolios the actor may see: a LEADERSHIP member sees the leader they are (the leader's
   * id is their account id, or the leader's name their account's display name); assessors and
   * ORG_DEPT see every leader's.
   */
  async portfolios(cycleId: string, actor: Actor): Promise<LeaderPortfolio[]> {
    const cycle = await this.findCycle(cycleId);
    const seesAll = actor.roles.some((role) => role === 'ASSESSOR' || role === 'ORG_DEPT');
    if (seesAll) return this.board.portfolios(cycle, () => true);
    const name = (await this.accountRepository.displayNamesOf([actor.userId])).get(actor.userId);
    return this.board.portfolios(
      cycle,
      (leader) => leader.id === actor.userId || (name !== undefined && leader.name === name),
    );
  }

  private async findCycle(cycleId: string): Promise<CycleEntity> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle) throw new ApiException('CYCLE_NOT_FOUND', `No cycle ${cycleId}`, undefined, { cycle: cycleId });
    return cycle;
  }
}
