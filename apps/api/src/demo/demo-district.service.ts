import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { zoneOffsetMs } from '../../../../libs/domain/src';
import { UsersService } from '../auth/users.service';
import { ApiException } from '../common/api-exception';
import { cycleIdFor } from '../cycles/cycle-id';
import { CyclesService } from '../cycles/cycles.service';
import demoDistrict from './district-2026.json';
import { DEMO_USERS } from './demo-users';

export const DEMO_IMPORT_ENABLED = Symbol('DEMO_IMPORT_ENABLED');
export const DEMO_USERS_ENABLED = Symbol('DEMO_USERS_ENABLED');

/**
 * Imports the demo district when the API starts, so a fresh `npm start` has a cycle
 * to look at, with one demo user per role (DEMO_USERS) to sign in as. Importing is
 * idempotent: later starts find the cycle and the users and create nothing new.
 *
 * The demo's year starts with the current month: imported with the calendar months of
 * 2026, a demo started in November would close ten past months at once, every unit
 * scoring 0 for want of reports, and fire a ladder of cases nobody asked for.
 */
@Injectable()
export class DemoDistrictService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(CyclesService) private readonly cycles: CyclesService,
    @Inject(DEMO_IMPORT_ENABLED) private readonly enabled: boolean,
    @Inject(DEMO_USERS_ENABLED) private readonly seedUsers: boolean,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    try {
      const demo = demoStartingThisMonth(new Date());
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
    } catch (error) {
      if (!(error instanceof ApiException)) throw error;
      this.logger.warn(`demo district not imported: ${error.message}`);
    }
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

/** The demo district with twelve calendar months from the first of the current month (the demo's zone). */
export function demoStartingThisMonth(now: Date) {
  const offset = zoneOffsetMs({});
  const local = new Date(now.getTime() + offset);
  const monthStart = (index: number) =>
    new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + index, 1) - offset).toISOString();
  const periods = Array.from({ length: 12 }, (_, index) => ({ start: monthStart(index), end: monthStart(index + 1) }));
  // The example's reports and vetoes are input for `jiebang simulate`; a live cycle refuses them.
  return { ...demoDistrict, reports: {}, vetoes: [], policy: { ...demoDistrict.policy, calendar: { periods } } };
}
