import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, Role } from '@jiebang/contracts';
import { AccountRepository } from '@jiebang/persistence';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '@jiebang/persistence/passwords';

export interface NewUser {
  id: string;
  displayName: string;
  password: string;
  roles: Role[];
  /** Required when `roles` holds UNIT_HEAD or UNIT_REPORTER. */
  unitId?: string;
}

/** The people who sign in. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(AccountRepository) private readonly accountRepository: AccountRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /**
   * Creates the users that do not exist yet (an existing user keeps their password and roles),
   * each with an audit row; returns the ids created. `actor` is null when the system seeds them.
   */
  async createMissing(users: NewUser[], actor: Actor | null, system: string): Promise<string[]> {
    const created: string[] = [];
    for (const user of users) {
      const passwordHash = await hashPassword(user.password);
      await this.dataSource.transaction(async (manager) => {
        const inserted = await this.accountRepository.within(manager).insertIfAbsent({
          id: user.id,
          displayName: user.displayName,
          passwordHash,
          roles: user.roles,
          unitId: user.unitId ?? null,
        });
        if (!inserted) return;
        created.push(user.id);
        await this.audit.record(
          {
            actor,
            system,
            action: 'user.created',
            subject: `users/${user.id}`,
            unitId: user.unitId,
            change: { roles: user.roles, unitId: user.unitId ?? null },
          },
          manager,
        );
      });
    }
    return created;
  }
}
