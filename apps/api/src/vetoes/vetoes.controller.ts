import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@jiebang/contracts';
import type { VetoEntity } from '@jiebang/persistence';
import { CurrentActor, Roles, SignedIn } from '../common/actor';
import { ApiZodBody, zodPipe } from '../common/zod-body';
import { recordVetoBody, type RecordVetoBody } from '@jiebang/contracts/http/vetoes';
import { VetoesService } from './vetoes.service';

@ApiTags('vetoes')
@Controller('cycles/:cycleId/vetoes')
export class VetoesController {
  constructor(@Inject(VetoesService) private readonly vetoes: VetoesService) {}

  @Post()
  @Roles('ASSESSOR')
  @ApiOperation({ summary: 'Record a veto event (一票否决) with reason and evidence. Roles: ASSESSOR' })
  @ApiZodBody(recordVetoBody)
  record(
    @Param('cycleId') cycleId: string,
    @CurrentActor() actor: Actor,
    @Body(zodPipe(recordVetoBody)) body: RecordVetoBody,
  ): Promise<VetoEntity> {
    return this.vetoes.record(cycleId, actor, body);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: "Veto events of the cycle; unit people see their own unit's only" })
  list(@Param('cycleId') cycleId: string, @CurrentActor() actor: Actor): Promise<VetoEntity[]> {
    return this.vetoes.list(cycleId, actor);
  }
}
