import type { DataSource } from 'typeorm';
import type { WithAudit } from '@jiebang/contracts';
import { PledgeEntity } from '@jiebang/persistence';
import { auditedWrite } from './audited-write';

export interface PledgeDependencies {
  dataSource: DataSource;
}

export interface PledgeRecord {
  cycleId: string;
  unitId: string;
  signedBy: string;
  signedAt: string;
  late: boolean;
}

export function createPledgeActivities({ dataSource }: PledgeDependencies) {
  return {
    /** Stores the signed pledge and its audit row; the primary key (cycle, unit) makes a retry harmless. */
    async recordPledge({ audit, ...record }: WithAudit<PledgeRecord>): Promise<void> {
      await auditedWrite(dataSource, audit, (manager) =>
        manager
          .createQueryBuilder()
          .insert()
          .into(PledgeEntity)
          .values({ ...record, signedAt: new Date(record.signedAt) })
          .orIgnore()
          .execute(),
      );
    },
  };
}
