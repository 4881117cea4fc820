import type { DataSource } from 'typeorm';
import type { AuditEntryRequest, EscalationRequest, NotificationRequest } from '@jiebang/contracts';
import { EscalationEntity, NotificationEntity, insertedAny } from '@jiebang/persistence';
import { auditedWrite } from './audited-write';

export interface OutboxDependencies {
  dataSource: DataSource;
}

/**
 * Writes reminders and escalations. Every write is keyed: a retry after a crash
 * between the insert and the activity's completion finds the row and adds nothing. With `audit`,
 * the notice's audit row commits with it (cases and supervision items audit their own event instead).
 */
export function createOutboxActivities({ dataSource }: OutboxDependencies) {
  return {
    /** Puts one notice in the outbox; returns false when it was already there. */
    async notify({ audit, ...request }: NotificationRequest & { audit?: AuditEntryRequest }): Promise<boolean> {
      const result = await auditedWrite(dataSource, audit, (manager) =>
        manager
          .createQueryBuilder()
          .insert()
          .into(NotificationEntity)
          .values({ ...request, dueAt: request.dueAt ? new Date(request.dueAt) : null })
          .orIgnore()
          .execute(),
      );
      return insertedAny(result);
    },

    /** Opens an escalation record; returns false when it was already open. */
    async escalate({ audit, ...request }: EscalationRequest & { audit?: AuditEntryRequest }): Promise<boolean> {
      const result = await auditedWrite(dataSource, audit, (manager) =>
        manager.createQueryBuilder().insert().into(EscalationEntity).values(request).orIgnore().execute(),
      );
      return insertedAny(result);
    },
  };
}
