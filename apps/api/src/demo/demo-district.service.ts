import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UsersService } from '../auth/users.service';
import { ApiException } from '../common/api-exception';
import { CyclesService } from '../cycles/cycles.service';
import demoDistrict from './district-2026.json';
import { DEMO_USERS } from './demo-users';

export const DEMO_IMPORT_ENABLED = Symbol('DEMO_IMPORT_ENABLED');
export const DEMO_USERS_ENABLED = Symbol('DEMO_USERS_ENABLED');

/**
 * Imports the demo district when the API starts, so a fresh `npm start` has a cycle
 * to look at, with one demo user per role (DEMO_USERS) to sign in as. Importing is
 * idempotent: later starts find the cycle and the users and create nothing new.
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
      const result = await this.cycles.importCycle(demoDistrict);
      const verb = result.created ? 'imported' : 'already present';
      this.logger.log(`demo district ${verb}: cycle ${result.cycle.id}, ${result.cycle.units} units`);
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
