import type { ExplainedMonth, ExplanationFacts } from '@jiebang/domain/fired-case';
import type { CaseDetail } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { round2 } from './format';

/**
 * Why a case fired, as a sentence in the person's language, built from the facts libs/domain
 * records with the case (the English `text` is for logs and the CLI). Cases fired before the
 * facts were recorded show their stored text.
 */
export function useCaseExplanation(indicatorName: (id: string) => string, unitName: (id: string) => string) {
  const { t, tc, language } = useI18n();
  const zh = language === 'zh';
  const list = (ids: string[]) => ids.map(indicatorName).join(t('listSeparator'));
  const standing = (facts: ExplanationFacts, month: ExplainedMonth): string => {
    if (facts.basis === 'plan_miss')
      return month.reported
        ? t('why.behindPlan', { month: month.month, indicators: list(month.behindPlan) })
        : t('why.behindUnreported', { month: month.month });
    const values = { month: month.month, rank: month.rank, size: month.categorySize, score: round2(month.score) };
    const text = t(month.reported ? 'why.standing' : 'why.standingUnreported', values);
    return month.vetoed ? `${text}${t('listSeparator')}${t('why.vetoed')}` : text;
  };
  const condition = (facts: ExplanationFacts, month: number): string => {
    if (facts.basis === 'annual_task_incomplete') return t('why.annual_task_incomplete');
    const key = facts.basis === 'lagging' ? 'why.lagging' : 'why.plan_miss';
    // The months listed are the ones the rule needs (its streak); a longer run is said, not listed.
    const needed = facts.streak > 1 ? t(`${key}Run`, { run: facts.streak }) : t(key, { month });
    return facts.run > facts.streak ? `${needed}${t('why.runSoFar', { run: facts.run })}` : needed;
  };
  const details = (facts: ExplanationFacts): string[] => {
    const task = facts.annualTask;
    if (!task) return facts.standings.map((month) => standing(facts, month));
    return [
      task.vetoedSince !== null ? t('why.vetoedSince', { month: task.vetoedSince }) : '',
      task.reported ? '' : t('why.noFinalReport'),
      task.shortOf.length > 0 ? t('why.shortOf', { indicators: list(task.shortOf) }) : '',
    ].filter(Boolean);
  };
  const trigger = (facts: ExplanationFacts): string =>
    [
      t(`why.trigger.${facts.basis}`),
      facts.streak > 1 ? t('why.streak', { streak: facts.streak }) : '',
      facts.period === 'month' ? t('why.everyMonth') : t('why.periodEnd', { period: t(`period.${facts.period}`) }),
      facts.requires
        ? t('why.requires', { period: t(`period.${facts.requires.within}`), rung: tc(facts.requires.rung) })
        : '',
    ].join('');

  return (item: Pick<CaseDetail, 'unitId' | 'month' | 'explanation'>): string => {
    const facts = item.explanation.facts;
    if (!facts) return item.explanation.text;
    const [open, close, stop] = zh ? ['（', '）', '。'] : [' (', ')', '. '];
    const prerequisite = facts.prerequisite
      ? t('why.prerequisite', { month: facts.prerequisite.month, rung: tc(facts.prerequisite.rung) })
      : '';
    return [
      t('why.head', { unit: unitName(item.unitId), month: item.month }),
      condition(facts, item.month),
      `${open}${details(facts).join(t('clauseSeparator'))}${close}`,
      prerequisite,
      stop,
      t('why.rule', { trigger: trigger(facts), rung: tc(facts.rung) }),
    ].join('');
  };
}
