import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { zoneOffsetMs } from '@jiebang/domain';
import { UsersService } from '../auth/users.service';
import { ApiException } from '../common/api-exception';
import { cycleIdFor } from '../cycles/cycle-id';
import { CyclesService } from '../cycles/cycles.service';
import { MonthsService } from '../months/months.service';
import { ProjectsService } from '../projects/projects.service';
import { ReportsService } from '../reports/reports.service';
import { UnitsService } from '../units/units.service';
import { VetoesService } from '../vetoes/vetoes.service';
import { DEMO_APPEAL_WINDOW, DemoPast, demoPeriods } from './demo-past';
import demoDistrict from './district-2026.json';
import { DEMO_USERS } from './demo-users';

export const DEMO_IMPORT_ENABLED = Symbol('DEMO_IMPORT_ENABLED');
export const DEMO_USERS_ENABLED = Symbol('DEMO_USERS_ENABLED');

/**
 * Imports the demo district when the API starts, so a fresh `npm start` has a cycle
 * to look at, with one demo user per role (DEMO_USERS) to sign in as. Importing is
 * idempotent: later starts find the cycle and the users and create nothing new.
 *
 * The demo arrives mid-year with a past its people made (demoWithAPast, DemoPast): its first
 * months are replayed through the real workflows at the first start, on a compressed calendar,
 * then the year runs on calendar months. Never calendar months of 2026 as they are: a demo
 * started in November would close ten months at once with no reports at all.
 */
@Injectable()
export class DemoDistrictService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Demo');
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(CyclesService) private readonly cycles: CyclesService,
    @Inject(DEMO_IMPORT_ENABLED) private readonly enabled: boolean,
    @Inject(DEMO_USERS_ENABLED) private readonly seedUsers: boolean,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(UnitsService) private readonly units: UnitsService,
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(MonthsService) private readonly months: MonthsService,
    @Inject(VetoesService) private readonly vetoes: VetoesService,
    @Inject(ProjectsService) private readonly projects: ProjectsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    try {
      const demo = demoWithAPast(new Date());
      const id = cycleIdFor(demo.year, demo.name);
      if (await this.cycles.exists(id)) {
        this.logger.log(`demo district already present: cycle ${id}`);
      } else {
        const result = await this.cycles.importCycle(demo, { actor: null, system: 'demo-import' });
        this.logger.log(
          `demo district imported: cycle ${id}, ${result.cycle.units} units, year from ${demo.policy.calendar.periods[0]!.start}`,
        );
      }
      await this.seedDemoUsers();
      this.replayThePast(id);
    } catch (error) {
      if (!(error instanceof ApiException)) throw error;
      this.logger.warn(`demo district not imported: ${error.message}`);
    }
  }

  /** In the background: the API serves while the past is replayed (a minute or two at the first start). */
  private replayThePast(cycleId: string): void {
    const past = new DemoPast(
      cycleId,
      this.units,
      this.reports,
      this.months,
      this.vetoes,
      this.projects,
      this.shutdown.signal,
    );
    past.replay().catch((error: unknown) => {
      if (this.shutdown.signal.aborted) return;
      this.logger.warn(`the demo's past was not replayed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  private async seedDemoUsers(): Promise<void> {
    if (!this.seedUsers) {
      this.logger.warn('demo users not created (NODE_ENV=production)');
      return;
    }
    const created = await this.users.createMissing(DEMO_USERS, null, 'demo-import');
    if (created.length > 0) this.logger.log(`demo users created: ${created.join(', ')} (password in README)`);
  }
}

/**
 * The demo district arriving mid-year: its first DEMO_PAST_MONTHS months are seconds long from
 * now, replayed at the first start (DemoPast), then the current month runs to the first of the
 * next calendar month, then calendar months (the demo's zone). Its appeal window is short so that
 * the replayed months become final within minutes; every other deadline is the policy's own.
 */
export function demoWithAPast(now: Date) {
  const periods = demoPeriods(now, zoneOffsetMs({}));
  // The example's reports and vetoes are input for `jiebang simulate`; a live cycle refuses them
  // (the demo's past reports and veto go through the real steps instead, DemoPast).
  return {
    ...demoDistrict,
    reports: {},
    vetoes: [],
    policy: { ...demoDistrict.policy, appealWindow: DEMO_APPEAL_WINDOW, calendar: { periods } },
  };
}
