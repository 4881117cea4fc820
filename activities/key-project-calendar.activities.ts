import type { DataSource } from 'typeorm';
import type { LeaderPortfolio, NotificationRequest } from '@jiebang/contracts';
import { CycleEntity, NotificationEntity, ProjectBoard, insertedAny } from '@jiebang/persistence';

export interface KeyProjectCalendarDependencies {
  dataSource: DataSource;
}

/** Which month's portfolios to send. */
export interface PortfolioRequest {
  cycleId: string;
  month: number;
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
 * The key-project calendar's steps. 每周调度: the reminders to the units whose weekly notes are
 * missing, and the assessors' digest notice when a week closes. 挂帅: each month, every leader in
 * command's portfolio to the LEADERSHIP account that is that leader. Every notice is keyed (cycle,
 * week or month, unit, category or leader and account), so a retried activity writes nothing twice.
 */
export function createKeyProjectCalendarActivities({ dataSource }: KeyProjectCalendarDependencies) {
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

    /**
     * 挂帅: when a month's progress closes, each leader in command's portfolio (projects, slips,
     * stalled projects, overdue items, lights) goes to the enabled LEADERSHIP account that is that
     * leader (the account id is the leader's id, or its display name the leader's name), and to no
     * one else; delivery carries it on the person's channels and in their morning mail.
     */
    async sendPortfolios(request: PortfolioRequest): Promise<number> {
      const cycle = await dataSource.getRepository(CycleEntity).findOneBy({ id: request.cycleId });
      if (!cycle) return 0;
      const accounts = (await dataSource.query(
        "SELECT id, display_name FROM users WHERE NOT disabled AND 'LEADERSHIP' = ANY(roles) ORDER BY id",
      )) as Array<{ id: string; display_name: string }>;
      const portfolios = await new ProjectBoard(dataSource).portfolios(cycle, () => true);
      return write(
        portfolios.flatMap((portfolio) =>
          accounts
            .filter((account) => account.id === portfolio.leader.id || account.display_name === portfolio.leader.name)
            .map(
              (account): NotificationRequest => ({
                key: `${request.cycleId}/portfolio/${request.month}/${portfolio.leader.id}/${account.id}`,
                cycleId: request.cycleId,
                unitId: null,
                kind: 'reminder',
                recipientRole: 'LEADERSHIP',
                recipientUserId: account.id,
                subject: portfolioSubject(portfolio, request.month),
                dueAt: null,
              }),
            ),
        ),
      );
    },
  };
}

/** A leader's portfolio in one line of the month's notice. */
export function portfolioSubject(portfolio: LeaderPortfolio, month: number): string {
  const name = (id: string) => portfolio.projects.find((project) => project.id === id)?.name ?? id;
  const lights = (light: string) => portfolio.indicators.filter((indicator) => indicator.light === light).length;
  const parts = [
    `重点项目 ${portfolio.projects.length} 个: ${portfolio.projects.map((project) => project.name).join('、') || '无'}`,
    `挂牌督战 ${portfolio.slips.length} 项${portfolio.slips.length ? `: ${portfolio.slips.map((slip) => `${name(slip.project)} ${slip.milestone} (${slip.month}月)`).join('、')}` : ''}`,
    `专盯 ${portfolio.stalledProjects.length} 个${portfolio.stalledProjects.length ? `: ${portfolio.stalledProjects.map(name).join('、')}` : ''}`,
    `逾期督办事项 ${portfolio.overdueItems.length} 项`,
    `指标灯色 红${lights('red')} 黄${lights('yellow')} 绿${lights('green')}`,
  ];
  return `挂帅 ${portfolio.leader.name}（${portfolio.leader.title}）${month}月: ${parts.join('; ')}`;
}
