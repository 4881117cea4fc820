import { DEFAULT_RATED_MONTHS, raterGroupKind, raterRefusal, type RaterContext } from '@jiebang/domain';
import type { Problem } from './problem';

/*
 * The scenario checks of ratings by many that span fields: panels named by raters exist in
 * `policy.panels`, and each ratings object in `reports` belongs to a rated month of an indicator
 * with raters, rates in its groups only, by raters allowed there, and holds at least one rating.
 * Like the other checks across fields they read the raw document, so one malformed field
 * elsewhere does not hide them.
 */

type RawItem = Record<string, unknown>;

/** Every problem of ratings by many that one field alone cannot show. */
export function ratingsProblems(input: Record<string, unknown>): Problem[] {
  const policy = isRecord(input.policy) ? input.policy : {};
  const panels = panelsOf(policy.panels);
  const indicators = Array.isArray(input.indicators) ? input.indicators : [];
  return [
    ...indicators.flatMap((indicator: unknown, index) =>
      isRecord(indicator) ? panelProblems(index, indicator, panels) : [],
    ),
    ...reportRatingsProblems(input, panels),
  ];
}

/** Panels named by an indicator's raters exist, and no one sits in two of them (they would rate twice). */
function panelProblems(
  index: number,
  indicator: RawItem,
  panels: Readonly<Record<string, readonly string[]>>,
): Problem[] {
  if (!Array.isArray(indicator.raters)) return [];
  const panelOfMember = new Map<string, string>();
  return indicator.raters.flatMap((rater: unknown, position): Problem[] => {
    if (!isRecord(rater) || typeof rater.group !== 'string') return [];
    const kind = raterGroupKind(rater.group);
    if (kind?.kind !== 'panel') return [];
    const path = `indicators[${index}].raters[${position}].group`;
    if (!Object.hasOwn(panels, kind.panel))
      return [{ path, message: `no panel ${JSON.stringify(kind.panel)} in policy.panels` }];
    const problems: Problem[] = [];
    for (const member of panels[kind.panel]) {
      const other = panelOfMember.get(member);
      if (other === undefined) panelOfMember.set(member, kind.panel);
      else if (other !== kind.panel)
        problems.push({
          path,
          message: `${member} is a member of both ${other} and ${kind.panel}, which rate this indicator: they would rate it twice`,
        });
    }
    return problems;
  });
}

function reportRatingsProblems(
  input: Record<string, unknown>,
  panels: Readonly<Record<string, readonly string[]>>,
): Problem[] {
  if (!isRecord(input.reports)) return [];
  const indicatorsById = new Map<string, RawItem>();
  for (const indicator of Array.isArray(input.indicators) ? input.indicators : [])
    if (isRecord(indicator) && typeof indicator.id === 'string' && !indicatorsById.has(indicator.id))
      indicatorsById.set(indicator.id, indicator);
  const categoryOf = new Map<string, string>();
  for (const unit of Array.isArray(input.units) ? input.units : [])
    if (isRecord(unit) && typeof unit.id === 'string' && typeof unit.category === 'string')
      categoryOf.set(unit.id, unit.category);
  return Object.entries(input.reports).flatMap(([unit, months]) =>
    !isRecord(months)
      ? []
      : Object.entries(months).flatMap(([month, values]) =>
          !isRecord(values)
            ? []
            : Object.entries(values).flatMap(([id, value]) => {
                const indicator = indicatorsById.get(id);
                if (!isRecord(value) || !isRecord(value.ratings) || !indicator || indicator.unit !== unit) return [];
                return ratingsObjectProblems(
                  `reports.${unit}.${month}.${id}`,
                  Number(month),
                  indicator,
                  value.ratings,
                  {
                    unit,
                    categoryOf,
                    panels,
                  },
                );
              }),
        ),
  );
}

function ratingsObjectProblems(
  path: string,
  month: number,
  indicator: RawItem,
  ratings: Record<string, unknown>,
  context: RaterContext,
): Problem[] {
  const id = String(indicator.id);
  if (!Array.isArray(indicator.raters))
    return [{ path, message: `indicator ${id} has no raters: its value is a number (an assessor's rating)` }];
  const ratedMonths = Array.isArray(indicator.ratedMonths) ? indicator.ratedMonths : DEFAULT_RATED_MONTHS;
  if (!ratedMonths.includes(month))
    return [
      {
        path,
        message: `month ${month} is not a rated month of indicator ${id} (ratedMonths ${JSON.stringify(ratedMonths)}): its value is a number`,
      },
    ];
  const groups = indicator.raters.flatMap((rater: unknown) =>
    isRecord(rater) && typeof rater.group === 'string' ? [rater.group] : [],
  );
  const problems: Problem[] = [];
  let count = 0;
  for (const [group, scores] of Object.entries(ratings)) {
    if (!groups.includes(group)) {
      problems.push({
        path: `${path}.ratings.${group}`,
        message: `unknown group ${JSON.stringify(group)}: indicator ${id} is rated by ${groups.join(', ')}`,
      });
      continue;
    }
    if (!isRecord(scores)) continue;
    for (const rater of Object.keys(scores)) {
      count += 1;
      const refusal = raterRefusal(group, rater, context);
      if (refusal !== null) problems.push({ path: `${path}.ratings.${group}.${rater}`, message: refusal });
    }
  }
  if (count === 0 && problems.length === 0)
    problems.push({
      path: `${path}.ratings`,
      message: "no rating at all: write the assessor's number instead of a ratings object",
    });
  return problems;
}

/** `policy.panels` as far as it is well formed: the members that are strings. */
function panelsOf(raw: unknown): Record<string, string[]> {
  if (!isRecord(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw).map(([name, members]) => [
      name,
      Array.isArray(members) ? members.filter((member): member is string => typeof member === 'string') : [],
    ]),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
