import type { DataSource } from 'typeorm';
import type { NotificationRequest } from '@jiebang/contracts';
import { NotificationEntity, insertedAny } from '@jiebang/persistence';

export interface WeeklyDispatchDependencies {
  dataSource: DataSource;
}

/** Which week the dispatch workflow acts on, and (for a reminder) which of the week's reminders. */
export interface DispatchWeekRequest {
  cycleId: string;
  week: number;
  /** The week's close: the notes' deadline. */
  end: string;
  reminder?: number;
}

interface MissingRow {
  project_id: string;
  project_name: string;
  unit_id: string;
  category_id: string;
}

/**
 * 每周调度: the reminders to the units whose weekly notes are missing, and the assessors' digest
 * notice when a week closes. Every notice is keyed by cycle, week, unit or category (and the
 * reminder's number), so a retried activity writes nothing twice.
 */
export function createWeeklyDispatchActivities({ dataSource }: WeeklyDispatchDependencies) {
  /** The dispatched projects without a note of the week, from Postgres. */
  async function missingNotes(cycleId: string, week: number): Promise<MissingRow[]> {
    return dataSource.query(
      `SELECT p.id AS project_id, p.name AS project_name, p.unit_id, u.category_id
         FROM key_projects p
         JOIN cycles c ON c.id = p.cycle_id
         JOIN units u ON u.cycle_id = p.cycle_id AND u.id = p.unit_id
         LEFT JOIN key_project_weekly_notes n ON n.cycle_id = p.cycle_id AND n.project_id = p.id AND n.week = $2
        WHERE p.cycle_id = $1 AND n.week IS NULL
          AND (c.policy -> 'weeklyDispatch' -> 'categories') ? u.category_id
        ORDER BY p.unit_id, p.position`,
      [cycleId, week],
    );
  }

  async function write(notices: NotificationRequest[]): Promise<number> {
    if (notices.length === 0) return 0;
    return dataSource.transaction(async (manager) => {
      let written = 0;
      for (const notice of notices) {
        const result = await manager
          .createQueryBuilder()
          .insert()
          .into(NotificationEntity)
          .values({ ...notice, dueAt: notice.dueAt ? new Date(notice.dueAt) : null })
          .orIgnore()
          .execute();
        if (insertedAny(result)) written += 1;
      }
      return written;
    });
  }

  return {
    /** Reminds each unit with a project still lacking the week's note (its reporter); returns the notices written now. */
    async remindWeeklyNotes(request: DispatchWeekRequest): Promise<number> {
      const missing = await missingNotes(request.cycleId, request.week);
      const units = [...new Set(missing.map((row) => row.unit_id))];
      return write(
        units.map((unitId) => {
          const names = missing.filter((row) => row.unit_id === unitId).map((row) => row.project_name);
          return {
            key: `${request.cycleId}/weekly/${request.week}/${unitId}/reminder/${request.reminder ?? 0}`,
            cycleId: request.cycleId,
            unitId,
            kind: 'reminder',
            recipientRole: 'UNIT_REPORTER',
            subject: `每周调度 第${request.week}周: the weekly note of ${names.join(', ')} is due by ${request.end}`,
            dueAt: request.end,
          };
        }),
      );
    },

    /** At the week's close, tells the assessors of each dispatched category what is missing; returns the notices written now. */
    async closeDispatchWeek(request: DispatchWeekRequest): Promise<number> {
      const [cycle] = (await dataSource.query('SELECT policy FROM cycles WHERE id = $1', [request.cycleId])) as Array<{
        policy: { weeklyDispatch?: { categories: string[] } };
      }>;
      const categories = cycle?.policy.weeklyDispatch?.categories ?? [];
      const missing = await missingNotes(request.cycleId, request.week);
      return write(
        categories.map((category) => {
          const names = missing.filter((row) => row.category_id === category).map((row) => row.project_name);
          return {
            key: `${request.cycleId}/weekly/${request.week}/digest/${category}`,
            cycleId: request.cycleId,
            unitId: null,
            kind: 'deadline',
            recipientRole: 'ASSESSOR',
            subject:
              names.length === 0
                ? `每周调度 第${request.week}周 (${category}): every weekly note is in; the digest lists slips and stalled projects`
                : `每周调度 第${request.week}周 (${category}): ${names.length} weekly note(s) missing: ${names.join(', ')}`,
            dueAt: null,
          };
        }),
      );
    },
  };
}
