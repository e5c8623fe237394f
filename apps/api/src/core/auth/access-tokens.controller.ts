import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCESS_TOKEN_TTL_DEFAULT_SECONDS, ACCESS_TOKEN_TTL_MAX_SECONDS, type MintedAccessToken, mintAccessTokenRequestSchema } from '@hub/contracts';
import type { Request } from 'express';
import { HubProblem } from '../http/problem-details.filter';
import { AccessTokensService } from './access-tokens.service';
import { RequireScope } from './auth.decorators';
import { principalOf } from './hub-principal';

@ApiTags('auth')
@Controller('auth/tokens')
@RequireScope('read')
export class AccessTokensController {
  constructor(private readonly tokens: AccessTokensService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Mint a short-lived access token (for the embedded chat panel)',
    description: 'Called by the CRM\'s server with its API key, so the browser never holds the key. The token\'s scopes must be among the key\'s; it may be bound to one contact, deal or company, and then only the embed API accepts it.',
  })
  @ApiBody({ schema: { type: 'object', properties: {
    scopes: { type: 'array', items: { type: 'string', enum: ['read', 'write', 'admin'] }, example: ['read'], description: 'default ["read"]' },
    ttl_seconds: { type: 'integer', example: ACCESS_TOKEN_TTL_DEFAULT_SECONDS, maximum: ACCESS_TOKEN_TTL_MAX_SECONDS },
    contact_id: { type: 'integer', example: 123 }, deal_id: { type: 'integer' }, company_id: { type: 'integer' },
  } } })
  @ApiCreatedResponse({ description: '{token, expires_at, scopes, record}: the token is shown this once.' })
  mint(@Body() body: unknown, @Req() request: Request): Promise<MintedAccessToken> {
    const parsed = mintAccessTokenRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '$', reason: issue.message }));
      throw new HubProblem(400, 'invalid-request', `${errors[0]!.field}: ${errors[0]!.reason}`, { errors });
    }
    return this.tokens.mint(principalOf(request)!, parsed.data);
  }
}
