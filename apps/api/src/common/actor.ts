import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Actor, Role } from '@jiebang/contracts';
import { ROLES, ROLES_BUT_RATER, actsForUnit } from '@jiebang/domain';
import { AccessTokens } from '../auth/access-tokens.service';
import { ApiException } from './api-exception';
import type { JiebangRequest } from './request-context';

const PUBLIC_ROUTE = 'jiebang:public';
const ALLOWED_ROLES = 'jiebang:roles';

/** OpenAPI extensions that state each operation's access; api-application turns them into prose too. */
export const OPENAPI_ROLES_EXTENSION = 'x-roles';
export const OPENAPI_PUBLIC_EXTENSION = 'x-public';

/** The route needs no signed-in user (health, sign-in). */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(OPENAPI_PUBLIC_EXTENSION, true));

/**
 * Only signed-in users holding one of these roles may call the route. Every route declares
 * this, `@SignedIn()` or `@Public()`: a route that declares nothing is closed (403).
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiBearerAuth(), ApiExtension(OPENAPI_ROLES_EXTENSION, roles));

/**
 * Any signed-in user but a RATER (评议员, who can only rate) may call the route; object-level
 * checks (requireSightOfUnit) still apply.
 */
export const SignedIn = () => Roles(...ROLES_BUT_RATER);

/** Every signed-in user, RATER included: signing out, one's own account, 我的待办 and the rating rounds. */
export const RatersToo = () => Roles(...ROLES);

/**
 * Identifies the acting user from the access token (`Authorization: Bearer ...`, issued by
 * POST /auth/login) and enforces the route's roles. This guard is the only place that knows
 * where identity comes from. The actor it sets carries the request id into workflows and the
 * audit trail.
 */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<JiebangRequest>();
    const { actor, sessionId } = await this.tokens.authenticate(bearerTokenOf(request));
    // Set before the role check, so that a refusal is audited under the user who was refused.
    request.actor = { ...actor, requestId: request.requestId };
    request.sessionId = sessionId;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed) {
      throw new ApiException(
        'FORBIDDEN',
        `${request.method} ${request.path} declares no roles, so it stays closed: give it @Roles(...), @SignedIn() or @Public()`,
      );
    }
    if (!allowed.some((role) => actor.roles.includes(role))) {
      throw new ApiException(
        'FORBIDDEN',
        `This needs one of the roles ${allowed.join(', ')}; ${actor.userId} holds ${actor.roles.join(', ') || 'none'}`,
      );
    }
    return true;
  }
}

function bearerTokenOf(request: JiebangRequest): string {
  const header = request.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match)
    throw new ApiException(
      'UNAUTHENTICATED',
      'Sign in first: send "Authorization: Bearer <access token>" (POST /auth/login gives one)',
    );
  return match[1];
}

/** The acting user of the request, set by ActorGuard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<JiebangRequest>().actor;
  if (!actor) throw new ApiException('UNAUTHENTICATED', 'No acting user on this request');
  return actor;
});

type UnitRole = Extract<Role, 'UNIT_HEAD' | 'UNIT_REPORTER'>;

/** Throws 403 unless the actor holds one of `roles` for `unitId`: acting for a unit. */
export function requireUnitRole(actor: Actor, roles: UnitRole | UnitRole[], unitId: string): void {
  const allowed = Array.isArray(roles) ? roles : [roles];
  if (actsForUnit(actor, unitId, allowed)) return;
  throw new ApiException('FORBIDDEN', `Only a ${allowed.join(' or ')} of unit ${unitId} may do this`);
}
