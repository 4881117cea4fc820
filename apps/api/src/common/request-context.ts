import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '@jiebang/contracts';
import { currentRequestId } from '@jiebang/temporal';

/** The response header that names the request, for support and for the audit trail. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A request as Jiebang's middleware and guard leave it. */
export type JiebangRequest = Request & { requestId?: string; actor?: Actor; sessionId?: string };

/**
 * Gives every request an id of its own (never the client's, so audit rows cannot be made to
 * name another request), and echoes it in `x-request-id`, error answers included. The rest of
 * the request runs with the id as its `currentRequestId`: the Temporal client passes it on to the
 * workflows and activities the request causes, whose log lines carry it.
 */
export function assignRequestId(request: JiebangRequest, response: Response, next: NextFunction): void {
  const requestId = randomUUID();
  request.requestId = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  currentRequestId.run(requestId, next);
}

/** The id of the current request (for routes without an actor, such as sign-in). */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<JiebangRequest>().requestId,
);
