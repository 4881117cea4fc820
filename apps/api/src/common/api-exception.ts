import { HttpStatus } from '@nestjs/common';
import type { WorkflowRejection } from '../../../../libs/contracts/src';
import type { CaseRejection, SupervisionRejection } from '../../../../libs/contracts/src';

/** Every error code the API answers with, and its HTTP status: the one mapping. */
export const API_ERRORS = {
  INVALID_SCENARIO: HttpStatus.BAD_REQUEST,
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  MALFORMED_JSON: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  WORKFLOW_NOT_FOUND: HttpStatus.NOT_FOUND,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  CYCLE_NOT_FOUND: HttpStatus.NOT_FOUND,
  UNIT_NOT_FOUND: HttpStatus.NOT_FOUND,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CYCLE_CONFLICT: HttpStatus.CONFLICT,
  PLEDGE_ALREADY_SIGNED: HttpStatus.CONFLICT,
  NOT_IN_PLEDGE_PHASE: HttpStatus.CONFLICT,
  NOT_UNIT_HEAD: HttpStatus.FORBIDDEN,
  PLEDGE_NOT_SIGNED: HttpStatus.CONFLICT,
  ROLE_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  INVALID_REPORT: HttpStatus.BAD_REQUEST,
  UNKNOWN_MONTH: HttpStatus.BAD_REQUEST,
  REPORT_WINDOW_NOT_OPEN: HttpStatus.CONFLICT,
  REPORT_DEADLINE_PASSED: HttpStatus.CONFLICT,
  REPORT_NOT_EDITABLE: HttpStatus.CONFLICT,
  REPORT_NOT_SUBMITTED: HttpStatus.CONFLICT,
  REPORT_NOT_AWAITING_CONFIRMATION: HttpStatus.CONFLICT,
  REVIEWS_PENDING: HttpStatus.CONFLICT,
  SCENARIO_HISTORY_NOT_IMPORTED: HttpStatus.BAD_REQUEST,
  EVIDENCE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  EVIDENCE_TYPE_REFUSED: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  EVIDENCE_LIMIT_REACHED: HttpStatus.CONFLICT,
  EVIDENCE_MISSING: HttpStatus.BAD_REQUEST,
  MONTH_CLOSED: HttpStatus.CONFLICT,
  EXTENSION_NOT_ALLOWED: HttpStatus.CONFLICT,
  EXTENSION_REASON_REQUIRED: HttpStatus.BAD_REQUEST,
  EXTENSION_TOO_LONG: HttpStatus.BAD_REQUEST,
  RATING_OUT_OF_SCALE: HttpStatus.BAD_REQUEST,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  NO_EXTENSION_REQUESTED: HttpStatus.CONFLICT,
  RATINGS_MISSING: HttpStatus.CONFLICT,
  APPEAL_WINDOW_CLOSED: HttpStatus.CONFLICT,
  APPEAL_REASON_REQUIRED: HttpStatus.BAD_REQUEST,
  APPEAL_ALREADY_FILED: HttpStatus.CONFLICT,
  NO_OPEN_APPEAL: HttpStatus.CONFLICT,
  RANKING_NOT_FINAL: HttpStatus.CONFLICT,
  BULLETIN_ALREADY_PUBLISHED: HttpStatus.CONFLICT,
  VETO_ALREADY_RECORDED: HttpStatus.CONFLICT,
  CASE_NOT_FOUND: HttpStatus.NOT_FOUND,
  CASE_CLOSED: HttpStatus.CONFLICT,
  CASE_NOT_AWAITING_APPROVAL: HttpStatus.CONFLICT,
  APPROVER_ALREADY_DECIDED: HttpStatus.CONFLICT,
  APPROVAL_ALREADY_GIVEN: HttpStatus.CONFLICT,
  CASE_OUT_OF_ORDER: HttpStatus.CONFLICT,
  UNKNOWN_CASE_STEP: HttpStatus.BAD_REQUEST,
  CASE_REASON_REQUIRED: HttpStatus.BAD_REQUEST,
  CASE_NOTE_REQUIRED: HttpStatus.BAD_REQUEST,
  SUPERVISION_ITEM_NOT_FOUND: HttpStatus.NOT_FOUND,
  SUPERVISION_ITEM_CONFLICT: HttpStatus.CONFLICT,
  SUPERVISION_CLOSED: HttpStatus.CONFLICT,
  SUPERVISION_NOT_AWAITING_RESPONSE: HttpStatus.CONFLICT,
  SUPERVISION_NOT_RESPONDED: HttpStatus.CONFLICT,
  SUPERVISION_TEXT_REQUIRED: HttpStatus.BAD_REQUEST,
  ACCOUNT_NOT_FOUND: HttpStatus.NOT_FOUND,
  ACCOUNT_EXISTS: HttpStatus.CONFLICT,
  UNKNOWN_UNIT: HttpStatus.BAD_REQUEST,
  UNIT_POST_TAKEN: HttpStatus.CONFLICT,
  WEAK_PASSWORD: HttpStatus.BAD_REQUEST,
  WRONG_CURRENT_PASSWORD: HttpStatus.BAD_REQUEST,
  OWN_ROLES_UNCHANGEABLE: HttpStatus.FORBIDDEN,
  OWN_ACCOUNT_NOT_DISABLEABLE: HttpStatus.FORBIDDEN,
  LAST_ADMINISTRATOR: HttpStatus.CONFLICT,
  PASSWORD_CHANGE_REQUIRED: HttpStatus.FORBIDDEN,
  PASSWORD_SIGN_IN_DISABLED: HttpStatus.FORBIDDEN,
  OIDC_NOT_CONFIGURED: HttpStatus.NOT_FOUND,
  OIDC_SIGN_IN_FAILED: HttpStatus.UNAUTHORIZED,
  OIDC_PROVIDER_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  OIDC_ACCOUNT_UNKNOWN: HttpStatus.FORBIDDEN,
  IMPORT_INVALID: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  WORKFLOW_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
} as const satisfies Record<string, HttpStatus>;

export type ApiErrorCode = keyof typeof API_ERRORS;

// Compile-time proof that every rejection a workflow can raise has its HTTP status.
export const WORKFLOW_REJECTION_STATUS: Record<WorkflowRejection, HttpStatus> = API_ERRORS;
export const CASE_REJECTION_STATUS: Record<CaseRejection, HttpStatus> = API_ERRORS;
export const SUPERVISION_REJECTION_STATUS: Record<SupervisionRejection, HttpStatus> = API_ERRORS;

/** A failure the client can act on: a code, a message for people, and optional details. */
export class ApiException extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
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
