import type { FormInstance } from 'antd';
import { ApiRefusal } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import { FIELD_PROBLEMS } from '../i18n/refusals';

/** A problem the API (or its schema, checked before sending) names at a field: `smtp.host`, `contact.email`. */
interface FieldProblem {
  path?: string;
  message?: string;
  /** A password rule the value broke (libs/domain/password-rules). */
  rule?: string;
}

/** Where refusals go in one form. */
interface FormFields {
  /** The form's fields: a top-level name takes every problem under it, a dotted path only its own. */
  fields: readonly string[];
  /** Refusal codes that belong to one field, e.g. CHANNEL_NAME_TAKEN at `name`. */
  fieldOfCode?: Record<string, string>;
}

const takes = (fields: readonly string[], path: string) =>
  fields.includes(path) || fields.includes(path.split('.')[0]!);

/**
 * Puts each problem of an API refusal beside its field, in the person's language; the refusal
 * codes that belong to a field go there too. The returned function answers false when something
 * is left over for the alert above the form, true when the fields said it all.
 */
export function useRefusalBesideFields() {
  const { t, refusal, language } = useI18n();
  const wordsFor = (code: string, problem: FieldProblem): string => {
    const ruleKey = `passwordRule.${problem.rule}`;
    if (ruleKey in MESSAGES) return t(ruleKey as MessageKey);
    const message = problem.message ?? '';
    const known = FIELD_PROBLEMS.find(([pattern]) => pattern.test(message));
    if (!known) return `${refusal(code)}：${message}`;
    return language === 'zh' ? `${known[1].zh}（${message}）` : known[1].en;
  };
  return (form: FormInstance, error: unknown, { fields, fieldOfCode = {} }: FormFields): boolean => {
    if (!(error instanceof ApiRefusal)) return false;
    const { code, details } = error.body;
    const problems = Array.isArray(details) ? (details as FieldProblem[]) : [];
    const placed = problems.filter((problem) => typeof problem.path === 'string' && takes(fields, problem.path));
    form.setFields(placed.map((problem) => ({ name: problem.path!.split('.'), errors: [wordsFor(code, problem)] })));
    const field = fieldOfCode[code];
    if (field) form.setFields([{ name: field.split('.'), errors: [`${refusal(code)}（${error.body.message}）`] }]);
    return field !== undefined || (placed.length > 0 && placed.length === problems.length);
  };
}
