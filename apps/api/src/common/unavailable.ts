import { ServiceError } from '@temporalio/client';
import { ApiException } from './api-exception';

/** Seconds a client should wait before repeating a request refused because a part is down. */
export const RETRY_AFTER_SECONDS = 5;

/** Error codes of node-postgres and Postgres that mean "no database right now", not "bad query". */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const DATABASE_DOWN_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|the database system is (starting up|shutting down)/i;

/** gRPC status codes of a Temporal server that cannot be reached or did not answer in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * A 503 naming the part that is down when `error` says Postgres or Temporal cannot be
 * reached (the caller may repeat the request after Retry-After); undefined otherwise.
 */
export function unavailableFailure(error: unknown): ApiException | undefined {
  if (isDatabaseDown(error))
    return new ApiException(
      'DATABASE_UNAVAILABLE',
      `The database cannot be reached right now; try again in ${RETRY_AFTER_SECONDS} seconds`,
    );
  if (isTemporalDown(error))
    return new ApiException(
      'WORKFLOW_UNAVAILABLE',
      `The workflow service cannot be reached right now; try again in ${RETRY_AFTER_SECONDS} seconds`,
    );
  return undefined;
}

function isDatabaseDown(error: unknown): boolean {
  for (const candidate of causesOf(error)) {
    const code = (candidate as { code?: unknown }).code;
    if (typeof code === 'string' && DATABASE_DOWN_CODES.has(code)) return true;
    if (candidate instanceof Error && DATABASE_DOWN_MESSAGES.test(candidate.message)) return true;
  }
  return false;
}

function isTemporalDown(error: unknown): boolean {
  return causesOf(error).some((candidate) => {
    const code = (candidate as { code?: unknown }).code;
    return (
      candidate instanceof ServiceError ||
      (typeof code === 'number' && (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED))
    );
  });
}

/** The error, its `cause`s and TypeORM's `driverError`, outermost first. */
function causesOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current && typeof current === 'object' && chain.length < 8; ) {
    chain.push(current);
    const { cause, driverError } = current as { cause?: unknown; driverError?: unknown };
    current = driverError ?? cause;
  }
  return chain;
}
