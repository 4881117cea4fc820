import { z } from 'zod';
import { MONTHS_IN_CYCLE } from './assessment-period';
import { durationMs, parseDuration } from './duration';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Zones with one offset all year (no daylight saving), in minutes east of UTC. */
const FIXED_OFFSET_ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  'Etc/UTC': 0,
  GMT: 0,
  'Asia/Shanghai': 480,
  'Asia/Chongqing': 480,
  'Asia/Hong_Kong': 480,
  'Asia/Macau': 480,
  'Asia/Taipei': 480,
};
const OFFSET_PATTERN = /^([+-])(\d{2}):(\d{2})$/;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Minutes east of UTC of a fixed-offset zone (`UTC`, `Asia/Shanghai`, `+08:00`), or undefined. */
function offsetMinutes(timezone: string): number | undefined {
  if (timezone in FIXED_OFFSET_ZONES) return FIXED_OFFSET_ZONES[timezone];
  const match = OFFSET_PATTERN.exec(timezone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function isLocalDate(text: string): boolean {
  const match = LOCAL_DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isInstant(text: string): boolean {
  return INSTANT_PATTERN.test(text) && Number.isFinite(Date.parse(text));
}

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const localDateSchema = z.string().refine(isLocalDate, { message: 'expected a date YYYY-MM-DD' });

const periodSchema = z
  .object({
    start: z
      .string()
      .refine(isInstant, { message: 'expected an ISO-8601 instant with offset, e.g. 2026-01-01T00:00:00+08:00' }),
    end: z
      .string()
      .refine(isInstant, { message: 'expected an ISO-8601 instant with offset, e.g. 2026-02-01T00:00:00+08:00' }),
  })
  .strict();

/** The cycle's calendar: its time zone, optional custom periods, public holidays and make-up workdays (调休). */
export const calendarSchema = z
  .object({
    timezone: z
      .string()
      .refine((zone) => offsetMinutes(zone) !== undefined, {
        message: `expected a fixed-offset time zone: ${Object.keys(FIXED_OFFSET_ZONES).join(', ')} or an offset like +08:00`,
      })
      .default('Asia/Shanghai'),
    periods: z
      .array(periodSchema)
      .length(MONTHS_IN_CYCLE, { message: `expected exactly ${MONTHS_IN_CYCLE} periods` })
      .optional(),
    holidays: z.array(localDateSchema).default([]),
    workdays: z.array(localDateSchema).default([]),
  })
  .strict()
  .superRefine((calendar, context) => {
    calendar.periods?.forEach((period, index, periods) => {
      const [start, end] = [Date.parse(period.start), Date.parse(period.end)];
      if (!(start < end))
        context.addIssue({
          code: 'custom',
          path: ['periods', index, 'end'],
          message: 'a period must end after it starts',
        });
      const next = periods[index + 1];
      if (next && Date.parse(next.start) !== end) {
        context.addIssue({
          code: 'custom',
          path: ['periods', index + 1, 'start'],
          message: `periods must be contiguous: expected ${period.end}, the end of the previous period`,
        });
      }
    });
    calendar.workdays.forEach((date, index) => {
      if (isLocalDate(date) && !isWeekend(date))
        context.addIssue({
          code: 'custom',
          path: ['workdays', index],
          message: `${date} is not a Saturday or Sunday; only weekend dates can be make-up workdays`,
        });
      if (calendar.holidays.includes(date))
        context.addIssue({ code: 'custom', path: ['workdays', index], message: `${date} is also listed as a holiday` });
    });
  });

/** A validated calendar, defaults filled. */
export type Calendar = z.output<typeof calendarSchema>;
/** A calendar as written: every field optional. */
export type CalendarSettings = z.input<typeof calendarSchema>;

/** One of the twelve assessment periods as UTC ISO-8601 instants, `end` exclusive. */
export interface CyclePeriodSpan {
  month: number;
  start: string;
  end: string;
}

/** The offset of the calendar's zone in milliseconds; throws for a zone `calendarSchema` refuses. */
export function zoneOffsetMs(calendar: CalendarSettings = {}): number {
  const timezone = calendar.timezone ?? 'Asia/Shanghai';
  const minutes = offsetMinutes(timezone);
  if (minutes === undefined) throw new RangeError(`Not a fixed-offset time zone: ${timezone}`);
  return minutes * MINUTE_MS;
}

/**
 * The twelve assessment periods of a cycle: the calendar's own periods when it lists them,
 * otherwise the calendar months of `year` in the calendar's zone.
 */
export function cyclePeriods(year: number, calendar: CalendarSettings = {}): CyclePeriodSpan[] {
  if (calendar.periods) {
    return calendar.periods.map((period, index) => ({
      month: index + 1,
      start: isoOf(Date.parse(period.start)),
      end: isoOf(Date.parse(period.end)),
    }));
  }
  const offset = zoneOffsetMs(calendar);
  return Array.from({ length: MONTHS_IN_CYCLE }, (_, index) => ({
    month: index + 1,
    start: isoOf(Date.UTC(year, index, 1) - offset),
    end: isoOf(Date.UTC(year, index + 1, 1) - offset),
  }));
}

/** The local date (YYYY-MM-DD) of an instant in the calendar's zone. */
export function localDateOf(instant: string | number, calendar: CalendarSettings = {}): string {
  const epochMs = typeof instant === 'number' ? instant : parseInstant(instant);
  return isoOf(epochMs + zoneOffsetMs(calendar)).slice(0, 10);
}

/** Whether a local date (YYYY-MM-DD) is a working day: a make-up workday, or a weekday that is no holiday. */
export function isWorkingDay(date: string, calendar: CalendarSettings = {}): boolean {
  if (!isLocalDate(date)) throw new RangeError(`Not a date YYYY-MM-DD: "${date}"`);
  if (calendar.workdays?.includes(date)) return true;
  if (calendar.holidays?.includes(date)) return false;
  return !isWeekend(date);
}

/**
 * The instant `duration` after `startIso`, as a UTC ISO string. A deadline counted in days
 * that lands on a weekend or holiday moves to the start of the next working day; shorter
 * units (test cycles count in seconds) are never moved.
 */
export function deadlineAfter(startIso: string, duration: string, calendar: CalendarSettings = {}): string {
  const due = parseInstant(startIso) + durationMs(duration);
  if (parseDuration(duration).unit !== 'd') return isoOf(due);
  let day = localDateOf(due, calendar);
  if (isWorkingDay(day, calendar)) return isoOf(due);
  do day = nextDate(day);
  while (!isWorkingDay(day, calendar));
  return isoOf(Date.parse(`${day}T00:00:00Z`) - zoneOffsetMs(calendar));
}

function parseInstant(instant: string): number {
  const epochMs = Date.parse(instant);
  if (!Number.isFinite(epochMs)) throw new RangeError(`Not an ISO-8601 instant: "${instant}"`);
  return epochMs;
}

function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function nextDate(date: string): string {
  return isoOf(Date.parse(`${date}T00:00:00Z`) + DAY_MS).slice(0, 10);
}

function isoOf(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
