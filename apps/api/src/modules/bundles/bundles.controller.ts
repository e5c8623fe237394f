import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { BundleImportResult, JobView } from '@hub/contracts';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { HubProblem } from '../../core/http/problem-details.filter';
import { RequireScope } from '../../core/auth/auth.decorators';
import { principalOf } from '../../core/auth/hub-principal';
import { Audited } from '../audit/audited.decorator';
import { BUNDLE_IMPORT_AUDIT } from './bundles.audit';
import { BundlesService } from './bundles.service';

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json-lines'];

@ApiTags('bundles')
@Controller('bundles')
export class BundlesController {
  constructor(
    private readonly bundles: BundlesService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireScope('write')
  @Audited('bundle.import', BUNDLE_IMPORT_AUDIT)
  @ApiOperation({
    summary: 'Import a bundle (NDJSON, streamed; gzip accepted)',
    description: 'Validates every line, then writes all of it in one transaction, or nothing. Upserts by id; `delete` lines remove records.',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ schema: { type: 'string', example: '{"type":"company","data":{"id":1,"name":"Acme","created_at":"2024-01-01T00:00:00Z"}}\n' } })
  @ApiOkResponse({ description: 'Counts of created, updated, unchanged and deleted records per entity.' })
  @ApiUnprocessableEntityResponse({ description: 'Problem document listing each bad line as {line, field, reason}; nothing was written.' })
  @ApiAcceptedResponse({ description: 'Large bundles (over HUB_IMPORT_JOB_THRESHOLD_BYTES) or `Prefer: respond-async`: spooled and imported by a job; the answer is the job.' })
  async import(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<BundleImportResult | JobView> {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!NDJSON_TYPES.includes(type)) {
      throw new HubProblem(415, 'unsupported-media-type', `Send the bundle as application/x-ndjson (one JSON record a line); got ${type || 'no Content-Type'}.`);
    }
    const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') {
      throw new HubProblem(415, 'unsupported-encoding', `Content-Encoding ${encoding} is not supported; send it plain or gzip.`);
    }
    const body = encoding === 'gzip' ? request.pipe(createGunzip()) : request;
    const length = Number(request.headers['content-length'] ?? 0);
    const asJob = /respond-async/i.test(String(request.headers['prefer'] ?? '')) || length > this.config.jobs.importThresholdBytes;
    if (!asJob) return this.bundles.import(body);
    const job = await this.bundles.importAsJob(body, principalOf(request)?.keyId ?? 'anonymous');
    response.status(202).setHeader('Location', `/api/jobs/${job.id}`);
    return job;
  }

  @Get()
  @RequireScope('read')
  @Audited('bundle.export', { subjectType: 'bundle' })
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
