import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/actor';
import { ApiZodQuery, zodPipe } from '../common/zod-body';
import { AuditPage, AuditVerificationView } from '@jiebang/contracts/http/audit';
import { auditQuery, type AuditQuery } from '@jiebang/contracts/http/audit';
import { AuditService } from './audit.service';
import { auditPage, auditVerificationView } from '@jiebang/contracts/http/audit';
import { zodResponse } from '../common/openapi-schemas';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'The audit trail, newest first, filtered by unit, cycle, actor, action and period' })
  @ApiZodQuery(auditQuery)
  @ApiOkResponse(zodResponse('AuditPage', auditPage))
  list(@Query(zodPipe(auditQuery)) query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(query);
  }

  @Get('verify')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Recomputes the hash chain over every row; names the first broken link' })
  @ApiOkResponse(zodResponse('AuditVerificationView', auditVerificationView))
  verify(): Promise<AuditVerificationView> {
    return this.audit.verify();
  }
}
