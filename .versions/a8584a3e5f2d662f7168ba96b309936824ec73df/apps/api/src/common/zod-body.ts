import { applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { toJSONSchema, type ZodType } from 'zod/v4';
import { ApiException } from './api-exception';

/** Validates a request body, parameter or query value against a zod schema: 400 listing every problem with its path. */
export function zodBody<T>(schema: ZodType<T>): PipeTransform<unknown, T> {
  return {
    transform(value: unknown): T {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const details = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '$',
        message: issue.message,
      }));
      throw new ApiException(
        'VALIDATION_FAILED',
        `Invalid request body: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        details,
      );
    },
  };
}

/** Documents the body in OpenAPI from the same zod schema that validates it. */
export function ApiZodBody(schema: ZodType, description?: string) {
  const jsonSchema = toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  delete jsonSchema.$schema; // OpenAPI 3.0 schemas carry no dialect
  return applyDecorators(ApiBody({ description, schema: jsonSchema as SchemaObject }));
}
