import { type ArgumentMetadata, applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z, type ZodType } from 'zod';
import { problemsOfIssue } from '@jiebang/contracts';
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
      const details = parsed.error.issues.flatMap((issue) =>
        problemsOfIssue(issue, metadata.data ? [metadata.data] : []),
      );
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
