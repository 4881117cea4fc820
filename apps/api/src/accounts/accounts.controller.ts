import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { z as zod } from 'zod';
import {
  accountListQuerySchema,
  createAccountSchema,
  disableAccountSchema,
  updateAccountSchema,
  type AccountList,
  type AccountView,
  type AccountWithTemporaryPassword,
  type ImportOutcome,
} from '@jiebang/contracts/account';
import type { Actor } from '@jiebang/contracts';
import { CurrentActor, Roles } from '../common/actor';
import { errorResponse } from '../common/openapi-schemas';
import { ApiZodBody, ApiZodQuery, zodPipe } from '../common/zod-body';
import { ApiException } from '../common/api-exception';
import { AccountsImportService } from './accounts-import.service';
import { AccountsService, type CreateAccountInput, type UpdateAccountInput } from './accounts.service';
import { ADDRESS_BOOK_TYPES, type AddressBookType } from './address-book-file';
import { accountList, accountView, accountWithTemporaryPassword, importOutcome } from '@jiebang/contracts/account';
import { zodResponse } from '../common/openapi-schemas';

const flag = zod
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');
const importQuery = zod.strictObject({
  update: flag.describe('update existing accounts too'),
  temporaryPasswords: flag.describe('give each new account a temporary password (in the answer, shown once)'),
});

@ApiTags('accounts')
@Controller('accounts')
@Roles('ADMIN')
export class AccountsController {
  constructor(
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(AccountsImportService) private readonly importer: AccountsImportService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Accounts, filtered by role, unit, post (the unit's head or deputy), disabled and a part of the name (q); at most 1,000, by id",
  })
  @ApiZodQuery(accountListQuerySchema)
  @ApiOkResponse(zodResponse('AccountList', accountList))
  list(@Query(zodPipe(accountListQuerySchema)) query: zod.output<typeof accountListQuerySchema>): Promise<AccountList> {
    return this.accounts.list(query);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an account; the answer holds a temporary password, changed at first sign-in' })
  @ApiZodBody(createAccountSchema)
  @ApiCreatedResponse(zodResponse('AccountWithTemporaryPassword', accountWithTemporaryPassword))
  @ApiBadRequestResponse(errorResponse('VALIDATION_FAILED or UNKNOWN_UNIT, naming the field'))
  @ApiConflictResponse(errorResponse('ACCOUNT_EXISTS, UNIT_POST_TAKEN'))
  create(
    @CurrentActor() actor: Actor,
    @Body(zodPipe(createAccountSchema)) body: CreateAccountInput,
  ): Promise<AccountWithTemporaryPassword> {
    return this.accounts.create(actor, body);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import the address book (通讯录) from CSV or .xlsx: every bad row is reported with its line, nothing is imported until the file is clean',
    description:
      'Columns by header: id (账号), name (姓名), roles (角色), unit (单位: id or name), post (职务: head / deputy), mobile (手机), email (邮箱), dingtalk, wecom, feishu, language. New accounts have no password (they sign in by OpenID Connect, or after a password reset), or with temporaryPasswords=true a temporary one each.',
  })
  @ApiConsumes(...ADDRESS_BOOK_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiZodQuery(importQuery)
  @ApiOkResponse(zodResponse('ImportOutcome', importOutcome))
  @ApiBadRequestResponse(errorResponse('IMPORT_INVALID: details lists { line, field, message }'))
  importAddressBook(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Query(zodPipe(importQuery)) query: zod.output<typeof importQuery>,
  ): Promise<ImportOutcome> {
    const type = request.header('content-type')?.split(';')[0].trim().toLowerCase();
    if (!Buffer.isBuffer(request.body) || !ADDRESS_BOOK_TYPES.includes(type as AddressBookType))
      throw new ApiException(
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the file as the body, with Content-Type ${ADDRESS_BOOK_TYPES.join(' or ')}`,
      );
    return this.importer.import(actor, request.body, type as AddressBookType, {
      updateExisting: query.update,
      temporaryPasswords: query.temporaryPasswords,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse(zodResponse('AccountView', accountView))
  @ApiNotFoundResponse(errorResponse())
  get(@Param('id') id: string): Promise<AccountView> {
    return this.accounts.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change name, contact, language, roles, unit or post (not one's own roles)" })
  @ApiZodBody(updateAccountSchema)
  @ApiOkResponse(zodResponse('AccountView', accountView))
  @ApiForbiddenResponse(errorResponse('OWN_ROLES_UNCHANGEABLE'))
  @ApiConflictResponse(errorResponse('LAST_ADMINISTRATOR, UNIT_POST_TAKEN'))
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body(zodPipe(updateAccountSchema)) body: UpdateAccountInput,
  ): Promise<AccountView> {
    return this.accounts.update(actor, id, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: "Disable an account: its sessions end at once (not one's own, not the last ADMIN)" })
  @ApiZodBody(disableAccountSchema)
  @ApiOkResponse(zodResponse('AccountView', accountView))
  @ApiForbiddenResponse(errorResponse('OWN_ACCOUNT_NOT_DISABLEABLE'))
  @ApiConflictResponse(errorResponse('LAST_ADMINISTRATOR'))
  disable(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body(zodPipe(disableAccountSchema)) body: zod.output<typeof disableAccountSchema>,
  ): Promise<AccountView> {
    return this.accounts.disable(actor, id, body.reason);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled account again (its old sessions stay ended)' })
  @ApiOkResponse(zodResponse('AccountView', accountView))
  enable(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AccountView> {
    return this.accounts.enable(actor, id);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the password with a temporary one, changed at the next sign-in; sessions end' })
  @ApiOkResponse(zodResponse('AccountWithTemporaryPassword', accountWithTemporaryPassword))
  resetPassword(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AccountWithTemporaryPassword> {
    return this.accounts.resetPassword(actor, id);
  }
}
