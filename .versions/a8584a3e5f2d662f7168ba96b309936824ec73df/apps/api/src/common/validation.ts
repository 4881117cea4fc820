import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiException } from './api-exception';

interface Problem {
  path: string;
  message: string;
}

/**
 * The global validation of DTO classes (class-validator): unknown fields are refused, not
 * silently dropped, and problems come back as VALIDATION_FAILED with `{ path, message }`
 * details, the shape zod-validated bodies use. Bodies typed as plain data (`unknown`, zod types)
 * pass through to their own pipes.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = errors.flatMap((error) => problemsOf(error, ''));
      return new ApiException(
        'VALIDATION_FAILED',
        `Invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        details,
      );
    },
  });
}

function problemsOf(error: ValidationError, parent: string): Problem[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => problemsOf(child, path))];
}
