import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AnonymousRefusals } from './anonymous-refusals';
import { RefusalAudit } from './refusal-audit.service';

/** The audit trail: AuditService.record and RefusalAudit are available to every feature module. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, RefusalAudit, AnonymousRefusals],
  exports: [AuditService, RefusalAudit, AnonymousRefusals],
})
export class AuditModule {}
