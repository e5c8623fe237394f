import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { effectiveScopes, type WhoAmI } from '@hub/contracts';
import type { Request } from 'express';
import { RequireScope } from '../../core/auth/auth.decorators';
import { principalOf } from '../../core/auth/hub-principal';

/** Any valid key may ask who it is: the dashboard shapes its navigation by the answer. */
@ApiTags('keys')
@Controller('auth')
export class WhoAmIController {
  @Get('me')
  @RequireScope('read')
  @ApiOperation({ summary: 'The presented key: its id, name and scopes (never its secret)' })
  @ApiOkResponse({ description: '`effectiveScopes` applies the implications: admin ⊃ write ⊃ read.' })
  me(@Req() request: Request): WhoAmI {
    const principal = principalOf(request)!;
    return { keyId: principal.keyId, name: principal.name, scopes: principal.scopes, effectiveScopes: effectiveScopes(principal.scopes) };
  }
}
