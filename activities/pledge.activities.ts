import type { DataSource } from 'typeorm';
import { PledgeEntity } from '../libs/persistence/src';

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
    /** Stores the signed pledge; the primary key (cycle, unit) makes a retry harmless. */
    async recordPledge(record: PledgeRecord): Promise<void> {
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(PledgeEntity)
        .values({ ...record, signedAt: new Date(record.signedAt) })
        .orIgnore()
        .execute();
    },
  };
}
