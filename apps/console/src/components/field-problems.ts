import type { FormInstance } from 'antd';
import { ApiRefusal } from '../api/client';
import type { Language } from '../i18n/messages';
import { FIELD_PROBLEMS } from '../i18n/refusals';

/** A problem the API (or its schema, checked before sending) names at a field: `smtp.host`, `url`. */
interface FieldProblem {
  path: string;
  message: string;
}

/** The API's words for one field in the person's language; an unknown message keeps the API's own words. */
export function fieldProblemText(message: string, language: Language): string {
  const known = FIELD_PROBLEMS.find(([pattern]) => pattern.test(message));
  if (!known) return message;
  return language === 'zh' ? `${known[1].zh}（${message}）` : known[1].en;
}

interface BesideFields {
  /** The form's top-level field names. */
  fields: string[];
  /** Refusal codes that belong to one field, e.g. CHANNEL_NAME_TAKEN at `name`. */
  fieldOfCode: Record<string, string>;
  language: Language;
  /** A refusal code in the person's language. */
  refusal(code: string): string;
}

/**
 * Puts each problem of a refusal beside its field of the form; the refusal codes that belong to a
 * field (`fieldOfCode`) go there too. Returns false when something is left for the alert above the form.
 */
export function showBesideFields(
  form: FormInstance,
  error: unknown,
  { fields, fieldOfCode, language, refusal }: BesideFields,
): boolean {
  if (!(error instanceof ApiRefusal)) return false;
  const { code, details } = error.body;
  const names = new Set(fields);
  const problems: FieldProblem[] = Array.isArray(details) ? (details as FieldProblem[]) : [];
  const placed = problems.filter((problem) => names.has(problem.path.split('.')[0]));
  form.setFields(
    placed.map((problem) => ({
      name: problem.path.split('.'),
      errors: [fieldProblemText(problem.message, language)],
    })),
  );
  const field = fieldOfCode[code];
  if (field) form.setFields([{ name: field.split('.'), errors: [`${refusal(code)}（${error.body.message}）`] }]);
  return field !== undefined || (placed.length > 0 && placed.length === problems.length);
}
