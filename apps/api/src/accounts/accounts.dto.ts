import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LANGUAGES,
  UNIT_POSTS,
  type AccountList,
  type AccountView,
  type AccountWithTemporaryPassword,
  type ContactDetails,
  type ImportOutcome,
  type Language,
  type SignInMethods,
  type UnitPost,
} from '@jiebang/contracts/account';
import type { Role } from '@jiebang/contracts';
import { ROLES } from '@jiebang/domain';

// OpenAPI documents of the contract types (libs/contracts/src/account.ts); `implements` keeps them in step.

export class ContactDetailsDoc implements ContactDetails {
  @ApiProperty({ nullable: true, type: String, example: 'zhang.san@example.gov.cn' }) email!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '13800138000' }) mobile!: string | null;
  @ApiProperty({ nullable: true, type: String }) dingtalkUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) wecomUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) feishuUserId!: string | null;
}

export class AccountDoc implements AccountView {
  @ApiProperty({ example: 'zhangsan' }) id!: string;
  @ApiProperty({ example: '张三' }) displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ nullable: true, enum: UNIT_POSTS, description: "the unit's head (一把手) or deputy in charge" })
  unitPost!: UnitPost | null;
  @ApiProperty({ type: ContactDetailsDoc }) contact!: ContactDetails;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ description: 'The password is temporary: it must be changed (POST /auth/password) before signing in' })
  passwordChangeRequired!: boolean;
  @ApiProperty({ description: 'False: signs in by OpenID Connect only, or awaits a password reset' })
  hasPassword!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AccountListDoc implements AccountList {
  @ApiProperty({ type: [AccountDoc] }) accounts!: AccountView[];
}

export class AccountWithTemporaryPasswordDoc implements AccountWithTemporaryPassword {
  @ApiProperty({ type: AccountDoc }) account!: AccountView;
  @ApiProperty({ description: 'Shown once: hand it to the person, who chooses their own at first sign-in' })
  temporaryPassword!: string;
}

export class ImportOutcomeDoc implements ImportOutcome {
  @ApiProperty({ type: [String] }) created!: string[];
  @ApiProperty({ type: [String] }) updated!: string[];
  @ApiProperty({ type: [String], description: 'Existing accounts the file leaves as they are' }) unchanged!: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'With temporaryPasswords=true: account id to temporary password, shown once',
  })
  temporaryPasswords?: Record<string, string>;
}

export class SignInMethodsDoc implements SignInMethods {
  @ApiProperty() password!: boolean;
  @ApiProperty({ description: 'GET /auth/oidc/login starts it' }) oidc!: boolean;
}
