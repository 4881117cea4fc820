import { type ArgumentMetadata, applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z, type ZodType } from 'zod';
import type { Problem } from '@jiebang/contracts';
import { ApiException } from './api-exception';
import { openApiSchemaOf } from './openapi-schemas';

/**
 * Validates a request body, a path parameter or the query against a zod schema
 * (`@Body(zodPipe(schema))`, `@Param('month', zodPipe(monthParam))`, `@Query(zodPipe(schema))`):
 * 400 VALIDATION_FAILED listing every problem with its path, the message naming where it was
 * ("request body", "path parameter month", "query").
 */
export function zodPipe<T>(schema: ZodType<T>): PipeTransform<unknown, T> {
  return {
    transform(value: unknown, metadata: ArgumentMetadata): T {
      const parsed = schema.safeParse(value, { reportInput: true });
      if (parsed.success) return parsed.data;
      const details = parsed.error.issues.flatMap((issue) => problemsOf(issue, metadata.data));
      throw new ApiException(
        'VALIDATION_FAILED',
        `Invalid ${placeOf(metadata)}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        details,
      );
    },
  };
}

/** Where the value came from, in a message's words. */
export function placeOf(metadata: Pick<ArgumentMetadata, 'type' | 'data'>): string {
  switch (metadata.type) {
    case 'param':
      return metadata.data ? `path parameter ${metadata.data}` : 'path parameters';
    case 'query':
      return metadata.data ? `query parameter ${metadata.data}` : 'query';
    case 'body':
      return 'request body';
    default:
      return 'request';
  }
}

function problemsOf(issue: z.core.$ZodIssue, name: string | undefined): Problem[] {
  const path = [...(name ? [name] : []), ...issue.path.map(String)];
  // Each unknown field is its own problem, at the field.
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: `property ${key} should not exist` }));
  return [{ path: path.join('.') || '$', message: messageOf(issue) }];
}

/** zod's message, except that ±Infinity (a number zod refuses as the wrong type) is called what it is. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && typeof issue.input === 'number' && !Number.isNaN(issue.input))
    return `expected a finite number, received ${issue.input}`;
  return issue.message;
}

/** Documents the body in OpenAPI from the same zod schema that validates it. */
export function ApiZodBody(schema: ZodType, description?: string) {
  return applyDecorators(ApiBody({ description, schema: openApiSchemaOf(schema) }));
}

/** Documents each query parameter of an object schema in OpenAPI, bounds included. */
export function ApiZodQuery(schema: z.ZodObject) {
  const properties = (openApiSchemaOf(schema).properties ?? {}) as Record<string, SchemaObject>;
  const required = new Set((openApiSchemaOf(schema).required ?? []) as string[]);
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property, description: property.description }),
    ),
  );
}

/** Documents a path parameter from its zod schema (bounds, pattern). */
export function ApiZodParam(name: string, schema: ZodType, description?: string) {
  return applyDecorators(ApiParam({ name, schema: openApiSchemaOf(schema), description }));
}
