import type { HttpStatus } from '@nestjs/common';
import { API_ERRORS, type ApiErrorCode } from '@jiebang/contracts/http/errors';
import type { WorkflowRejection } from '@jiebang/contracts';
import type { CaseRejection, SupervisionRejection } from '@jiebang/contracts';

export { API_ERRORS, type ApiErrorCode };

// Compile-time proof that every rejection a workflow can raise has its HTTP status.
export const WORKFLOW_REJECTION_STATUS: Record<WorkflowRejection, HttpStatus> = API_ERRORS;
export const CASE_REJECTION_STATUS: Record<CaseRejection, HttpStatus> = API_ERRORS;
export const SUPERVISION_REJECTION_STATUS: Record<SupervisionRejection, HttpStatus> = API_ERRORS;

/**
 * What a refusal is about, as values (`{ unit: 'u03', cycle: '2026-x' }`): a client builds its own
 * sentence in its person's language from the code and these, instead of showing `message`.
 */
export type ProblemParams = Record<string, string | number>;

/** A failure the client can act on: a code, a message for people, optional details and parameters. */
export class ApiException extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly params?: ProblemParams,
  ) {
    super(message);
    this.name = 'ApiException';
  }

  get status(): HttpStatus {
    return API_ERRORS[this.code];
  }
}

export function isApiErrorCode(value: string): value is ApiErrorCode {
  return Object.prototype.hasOwnProperty.call(API_ERRORS, value);
}
