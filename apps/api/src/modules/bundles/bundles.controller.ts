import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { BundleImportResult } from '@hub/contracts';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { HubProblem } from '../../core/http/problem-details.filter';
import { BundlesService } from './bundles.service';

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json-lines'];

@ApiTags('bundles')
@Controller('bundles')
export class BundlesController {
  constructor(private readonly bundles: BundlesService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import a bundle (NDJSON, streamed; gzip accepted)',
    description: 'Validates every line, then writes all of it in one transaction, or nothing. Upserts by id; `delete` lines remove records.',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ schema: { type: 'string', example: '{"type":"company","data":{"id":1,"name":"Acme","created_at":"2024-01-01T00:00:00Z"}}\n' } })
  @ApiOkResponse({ description: 'Counts of created, updated, unchanged and deleted records per entity.' })
  @ApiUnprocessableEntityResponse({ description: 'Problem document listing each bad line as {line, field, reason}; nothing was written.' })
  async import(@Req() request: Request): Promise<BundleImportResult> {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type)) {
      throw new HubProblem(415, 'unsupported-media-type', `Send the bundle as application/x-ndjson (one JSON record a line); got ${type || 'no Content-Type'}.`);
    }
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') {
      throw new HubProblem(415, 'unsupported-encoding', `Content-Encoding ${encoding} is not supported; send it plain or gzip.`);
    }
    return this.bundles.import(encoding === 'gzip' ? request.pipe(createGunzip()) : request);
  }

  @Get()
  @ApiOperation({ summary: 'Export the whole store as a bundle, in a stable order (streamed)' })
  @ApiProduces('application/x-ndjson')
  async export(@Res() response: Response): Promise<void> {
    response.status(200).type('application/x-ndjson');
    response.setHeader('Content-Disposition', 'attachment; filename="hub-export.ndjson"');
    for await (const lines of this.bundles.export()) {
      if (!response.write(lines)) await once(response, 'drain');
    }
    response.end();
  }
}
