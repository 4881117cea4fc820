import type { SimulationResult } from '@jiebang/domain';
import type { ActorHeaders } from './jiebang';
import { ACTORS } from './suite';

/**
 * How a year's read-back reaches the live system: an API read (as `actor`, answering its body)
 * and a Postgres query (answering its rows). The fault year passes ones that retry while a part
 * is down; the plain year passes ones that fail at once.
 */
export interface YearReader {
  get(path: string, actor: ActorHeaders): Promise<Record<string, unknown>>;
  query(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
}

/** What a live year ended with, in the shapes of `jiebang simulate`'s result (and the duplicates it must not have). */
export interface LiveYear {
  /** Each month's frozen ranking as the API serves it, units in order of id (to equal simulate's `months`). */
  months: unknown[];
  /** `month/unit/rung` of every case opened, sorted. */
  cases: string[];
  /** The annual results table, by unit. */
  annual: Array<Record<string, unknown>>;
  /** Notification keys written more than once (an idempotency failure). */
  duplicatedNotifications: Array<Record<string, unknown>>;
}

/** Reads back a year from the API (rankings) and Postgres (cases, annual results, notifications). */
export async function readLiveYear(read: YearReader, cycleId: string): Promise<LiveYear> {
  const months = [];
  for (let month = 1; month <= 12; month++) {
    const ranking = await read.get(`/cycles/${cycleId}/months/${month}/ranking`, ACTORS.assessor);
    const units = (ranking.units as Array<Record<string, unknown>>).map(
      ({ unit, score, rank, lagging, vetoed, reported, indicators }) => ({
        unit,
        score,
        rank,
        lagging,
        vetoed,
        reported,
        // 视为不合格's explanation (deemedFailed) is the API's view of a row, not part of the rules' result.
        indicators: (indicators as Array<Record<string, unknown>>).map(({ deemedFailed: _why, ...row }) => row),
      }),
    );
    months.push({ month, units: units.sort((a, b) => String(a.unit).localeCompare(String(b.unit))) });
  }
  const cases = await read.query('SELECT unit_id, rung, month FROM cases WHERE cycle_id = $1', [cycleId]);
  const annual = await read.query(
    'SELECT unit_id AS unit, completed FROM annual_results WHERE cycle_id = $1 ORDER BY unit_id',
    [cycleId],
  );
  const duplicatedNotifications = await read.query(
    'SELECT key FROM notifications WHERE cycle_id = $1 GROUP BY key HAVING count(*) > 1',
    [cycleId],
  );
  return {
    months,
    cases: (cases as Array<{ unit_id: string; rung: string; month: number }>)
      .map((row) => `${row.month}/${row.unit_id}/${row.rung}`)
      .sort(),
    annual,
    duplicatedNotifications,
  };
}

/** `jiebang simulate`'s cases in the shape of LiveYear's. */
export function expectedCases(expected: SimulationResult): string[] {
  return expected.cases.map(({ rung, unit, month }) => `${month}/${unit}/${rung}`).sort();
}
