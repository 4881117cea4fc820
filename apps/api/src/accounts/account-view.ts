import type { AccountView } from '@jiebang/contracts';
import { contactOf, type UserEntity } from '@jiebang/persistence';

/** An account as the API shows it: never its password hash. */
export function toAccountView(user: UserEntity): AccountView {
  return {
    id: user.id,
    displayName: user.displayName,
    roles: user.roles,
    unitId: user.unitId,
    unitPost: user.unitPost,
    contact: contactOf(user),
    language: user.language,
    disabled: user.disabled,
    passwordChangeRequired: user.passwordChangeRequired,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
