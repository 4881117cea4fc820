import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { Problem } from '../../../../libs/contracts/src';
import { ApiException } from './api-exception';
import { CONTROL_CHARACTER } from './schemas';
import { placeOf } from './zod-body';

/** Nesting deeper than this is refused rather than walked (a body is at most 5 MB of JSON). */
const MAX_DEPTH = 64;

/**
 * The global pipe, run on every body, path parameter and query before the route's own zod
 * pipe: text with a control character (NUL and the like; tab and newline are allowed) is
 * refused with 400 VALIDATION_FAILED naming the field, wherever it is, keys included, so no
 * such string reaches a workflow, an activity or Postgres (which refuses NUL in text).
 */
export class TextHygienePipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = controlCharacterProblems(value, metadata.data ?? '', 0);
    if (problems.length === 0) return value;
    throw new ApiException(
      'VALIDATION_FAILED',
      `Invalid ${placeOf(metadata)}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
}

function controlCharacterProblems(value: unknown, path: string, depth: number): Problem[] {
  if (typeof value === 'string')
    return CONTROL_CHARACTER.test(value)
      ? [{ path: path || '$', message: 'must not contain control characters (only tab and newline are allowed)' }]
      : [];
  if (typeof value !== 'object' || value === null) return [];
  if (depth >= MAX_DEPTH) return [{ path: path || '$', message: `nested more than ${MAX_DEPTH} levels deep` }];
  if (Array.isArray(value))
    return value.flatMap((item, index) => controlCharacterProblems(item, `${path}[${index}]`, depth + 1));
  return Object.entries(value).flatMap(([key, item]) => {
    const at = path ? `${path}.${key}` : key;
    const keyProblem: Problem[] = CONTROL_CHARACTER.test(key)
      ? [{ path: at, message: 'a field name must not contain control characters' }]
      : [];
    return [...keyProblem, ...controlCharacterProblems(item, at, depth + 1)];
  });
}
