import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { JiebangRequest } from './request-context';

/** The session of the current request's access token, set by ActorGuard. */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<JiebangRequest>().sessionId,
);
