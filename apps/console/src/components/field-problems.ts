import type { FormInstance } from 'antd';
import type { Problem } from '@jiebang/contracts/problem';
import { ApiRefusal } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import { PROBLEM_WORDS } from '../i18n/refusals';

/**
 * A problem the API (or its schema, checked before sending) names at a field: `smtp.host`,
 * `contact.email`, `values.u-a-invest`; its `code` says what is wrong (libs/contracts' Problem).
 */
type FieldProblem = Partial<Problem> & {
  /** A password rule the value broke (libs/domain/password-rules). */
  rule?: string;
};

/** Where refusals go in one form. */
export interface FormFields {
  /** The form's fields: a top-level name takes every problem under it, a dotted path only its own. */
  fields: readonly string[];
  /**
   * Fields whose value is a record keyed by ids (a report's `values` by indicator id): the rest of
   * the path after the field is one key, dots and all.
   */
  records?: readonly string[];
  /** Refusal codes that belong to one field, e.g. CHANNEL_NAME_TAKEN at `name`. */
  fieldOfCode?: Record<string, string>;
}

const takes = (fields: readonly string[], path: string) =>
  fields.includes(path) || fields.includes(path.split('.')[0]!);

/** The form's name of the field at a problem's path: `smtp.host` → ['smtp', 'host']. */
export function fieldName(path: string, records: readonly string[] = []): string[] {
  const [first, ...rest] = path.split('.');
  return records.includes(first!) && rest.length > 0 ? [first!, rest.join('.')] : path.split('.');
}

/**
 * A field's problem in the person's language, from its code (never from the API's English
 * message, which follows the words in Chinese for the administrator who reads the API's logs):
 * a password rule by its rule, a known code by PROBLEM_WORDS, else the refusal's own words.
 */
export function useProblemWords() {
  const { t, refusal, language } = useI18n();
  return (refusalCode: string, problem: FieldProblem): string => {
    const ruleKey = `passwordRule.${problem.rule}`;
    if (ruleKey in MESSAGES) return t(ruleKey as MessageKey);
    const message = problem.message ?? '';
    const words = problem.code && problem.code !== 'custom' ? PROBLEM_WORDS[problem.code]?.(problem) : undefined;
    if (!words) return message ? `${refusal(refusalCode)}：${message}` : refusal(refusalCode);
    return language === 'zh' && message ? `${words.zh}（${message}）` : words[language];
  };
}

/**
 * Puts each problem of an API refusal beside its field, in the person's language; the refusal
 * codes that belong to a field go there too. The returned function answers false when something
 * is left over for the alert above the form, true when the fields said it all.
 */
export function useRefusalBesideFields() {
  const { refusal } = useI18n();
  const wordsFor = useProblemWords();
  return (form: FormInstance, error: unknown, { fields, records = [], fieldOfCode = {} }: FormFields): boolean => {
    if (!(error instanceof ApiRefusal)) return false;
    const { code, details } = error.body;
    const problems = Array.isArray(details) ? (details as FieldProblem[]) : [];
    const placed = problems.filter((problem) => typeof problem.path === 'string' && takes(fields, problem.path));
    form.setFields(
      placed.map((problem) => ({ name: fieldName(problem.path!, records), errors: [wordsFor(code, problem)] })),
    );
    const field = fieldOfCode[code];
    if (field) form.setFields([{ name: field.split('.'), errors: [`${refusal(code)}（${error.body.message}）`] }]);
    return field !== undefined || (placed.length > 0 && placed.length === problems.length);
  };
}
