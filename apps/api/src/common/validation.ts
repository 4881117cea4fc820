import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { Problem } from '@jiebang/contracts';
import { ApiException } from './api-exception';
import { CONTROL_CHARACTER, idValue, LONE_SURROGATE, MAX_STRING_LENGTH } from './schemas';
import { placeOf } from './zod-body';

/** Nesting deeper than this is refused rather than walked (a body is at most 5 MB of JSON). */
const MAX_DEPTH = 64;

/**
 * The global pipe, run on every body, path parameter and query before the route's own zod
 * pipe, so that it holds for routes yet to be written too: text with a control character (NUL
 * and the like; tab and newline are allowed), with half of a surrogate pair standing alone (not
 * Unicode text), or longer than MAX_STRING_LENGTH is refused with
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
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: name, message: issue.message }));
}

const NOT_UNICODE = 'must be Unicode text: it holds half of a surrogate pair on its own';

function fieldNameProblems(key: string, at: string): Problem[] {
  if (CONTROL_CHARACTER.test(key)) return [{ path: at, message: 'a field name must not contain control characters' }];
  if (LONE_SURROGATE.test(key)) return [{ path: at, message: `a field name ${NOT_UNICODE}` }];
  return [];
}

function textProblems(value: unknown, path: string, depth: number): Problem[] {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value))
      return [{ path: path || '$', message: 'must not contain control characters (only tab and newline are allowed)' }];
    if (LONE_SURROGATE.test(value)) return [{ path: path || '$', message: NOT_UNICODE }];
    if (value.length > MAX_STRING_LENGTH)
      return [{ path: path || '$', message: `must be at most ${MAX_STRING_LENGTH} characters` }];
    return [];
  }
  if (typeof value !== 'object' || value === null) return [];
  if (depth >= MAX_DEPTH) return [{ path: path || '$', message: `nested more than ${MAX_DEPTH} levels deep` }];
  if (Array.isArray(value)) return value.flatMap((item, index) => textProblems(item, `${path}[${index}]`, depth + 1));
  return Object.entries(value).flatMap(([key, item]) => {
    const at = path ? `${path}.${key}` : key;
    return [...fieldNameProblems(key, at), ...textProblems(item, at, depth + 1)];
  });
}
