import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ApiKeySummary, type CreatedApiKey, createApiKeyRequestSchema } from '@hub/contracts';
import type { Request } from 'express';
import { RequireScope } from '../../core/auth/auth.decorators';
import { principalOf } from '../../core/auth/hub-principal';
import { HubProblem } from '../../core/http/problem-details.filter';
import { ApiKeysService } from './api-keys.service';

@ApiTags('keys')
@Controller('keys')
@RequireScope('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an API key; the answer holds the key, shown this once' })
  @ApiBody({ schema: { type: 'object', required: ['name', 'scopes'], properties: {
    name: { type: 'string', example: 'CRM sync' },
    scopes: { type: 'array', items: { type: 'string', enum: ['read', 'write', 'admin'] }, example: ['write'] },
  } } })
  @ApiCreatedResponse({ description: 'The key (`key`) with its id, prefix and scopes. Only a hash of it is stored.' })
  create(@Body() body: unknown, @Req() request: Request): Promise<CreatedApiKey> {
    const parsed = createApiKeyRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const errors = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '$', reason: issue.message }));
      throw new HubProblem(400, 'invalid-request', `${errors[0]!.field}: ${errors[0]!.reason}`, { errors });
    }
    return this.keys.create(parsed.data, principalOf(request)!.keyId);
  }

  @Get()
  @ApiOperation({ summary: 'Every API key, revoked ones included (never their secrets)' })
  list(): Promise<ApiKeySummary[]> {
    return this.keys.list();
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once' })
  @ApiNotFoundResponse({ description: 'No key has this id.' })
  revoke(@Param('id') id: string, @Req() request: Request): Promise<ApiKeySummary> {
    if (!/^[1-9][0-9]{0,15}$/.test(id)) {
      throw new HubProblem(400, 'invalid-parameter', 'id must be a key id (a positive whole number)', { parameter: 'id' });
    }
    return this.keys.revoke(Number(id), principalOf(request)!.keyId);
  }
}
