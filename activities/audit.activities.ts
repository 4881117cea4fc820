import type { DataSource } from 'typeorm';
import type { AuditEntryRequest } from '@jiebang/contracts';
import { auditedWrite } from './audited-write';

export interface AuditDependencies {
  dataSource: DataSource;
}

export function createAuditActivities({ dataSource }: AuditDependencies) {
  return {
    /**
     * Appends a workflow-side change of state that wrote nothing else (a month closed, a
     * reminder sent) to the audit trail, naming the workflow and run that made it and the person
     * (and request) behind it. Changes that write records carry their row with the write instead.
     */
    async appendAudit(request: AuditEntryRequest): Promise<void> {
      await auditedWrite(dataSource, request, async () => undefined);
    },
  };
}
