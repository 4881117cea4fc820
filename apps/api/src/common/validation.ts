import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { ApiException } from './api-exception';
import { problemsOfIssue, textHygieneProblem, type Problem } from '@jiebang/contracts';
import { idValue, MAX_STRING_LENGTH } from '@jiebang/contracts/http/fields';
import { placeOf } from './zod-body';

/** Nesting deeper than this is refused rather than walked (a body is at most 5 MB of JSON). */
const MAX_DEPTH = 64;

/**
 * The global pipe, run on every body, path parameter and query before the route's own zod
 * pipe, so that it holds for routes yet to be written too: text that libs/contracts' text
 * hygiene refuses (control characters but tab and newline, a lone surrogate, bidi controls,
 * nothing visible but zero-width characters), or longer than MAX_STRING_LENGTH, is refused with
 * 400 VALIDATION_FAILED naming the field, wherever it is, keys included, so no such string
 * reaches a workflow, an activity or Postgres (which refuses NUL in text). A path parameter
 * must be an id (`idValue`). The route's schema then applies its own, tighter bounds.
 */
export class TextHygienePipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems =
      metadata.type === 'param' && typeof value === 'string'
        ? pathParameterProblems(value, metadata.data ?? '$')
        : textProblems(value, metadata.data ?? '', 0);
    if (problems.length === 0) return value;
    throw new ApiException(
      'VALIDATION_FAILED',
      `Invalid ${placeOf(metadata)}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
}

function pathParameterProblems(value: string, name: string): Problem[] {
  const parsed = idValue.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ ...problemsOfIssue(issue)[0]!, path: name }));
}

function fieldNameProblems(key: string, at: string): Problem[] {
  const problem = textHygieneProblem(key);
  return problem ? [{ path: at, message: `a field name ${problem}`, code: 'unsafe_text' }] : [];
}

function textProblems(value: unknown, path: string, depth: number): Problem[] {
  if (typeof value === 'string') {
    const problem = textHygieneProblem(value);
    if (problem) return [{ path: path || '$', message: problem, code: 'unsafe_text' }];
    if (value.length > MAX_STRING_LENGTH)
      return [
        {
          path: path || '$',
          message: `must be at most ${MAX_STRING_LENGTH} characters`,
          code: 'too_big',
          limit: MAX_STRING_LENGTH,
          origin: 'string',
        },
      ];
    return [];
  }
  if (typeof value !== 'object' || value === null) return [];
  if (depth >= MAX_DEPTH)
    return [
      { path: path || '$', message: `nested more than ${MAX_DEPTH} levels deep`, code: 'too_big', limit: MAX_DEPTH },
    ];
  if (Array.isArray(value)) return value.flatMap((item, index) => textProblems(item, `${path}[${index}]`, depth + 1));
  return Object.entries(value).flatMap(([key, item]) => {
    const at = path ? `${path}.${key}` : key;
    return [...fieldNameProblems(key, at), ...textProblems(item, at, depth + 1)];
  });
}
