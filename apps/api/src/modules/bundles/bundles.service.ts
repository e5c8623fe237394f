import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type BundleImportProgress, type BundleImportResult, type ImportBundleJobData, type JobView, QUEUES } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { HubEventsService } from '../../core/events/hub-events.service';
import { HubProblem } from '../../core/http/problem-details.filter';
import { JobsService } from '../../core/queue/jobs.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { exportBundle } from './bundle-exporter';
import { spoolUpload } from './bundle-uploads';
import { publishImportChanges } from './bundle-changes';
import { importBundle } from './bundle-importer';

@Injectable()
export class BundlesService {
  private readonly logger = new Logger('Bundles');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly jobs: JobsService,
    private readonly webhooks: WebhooksService,
    private readonly events: HubEventsService,
  ) {}

  async import(source: AsyncIterable<Uint8Array>, onProgress?: (progress: BundleImportProgress) => void): Promise<BundleImportResult> {
    const result = await importBundle(this.dataSource, source, {
      maxReportedErrors: this.config.import.maxReportedErrors,
      onProgress,
      onCommitted: (changes) => publishImportChanges(this.dataSource, this.events, changes),
    });
    this.logger.log(`Imported ${result.records} records and ${result.deletes} deletes in ${result.durationMs} ms`);
    await this.webhooks.emit('import.completed', result);
    return result;
  }

  /** Spools the bundle into the store and queues an ImportBundleJob for a worker. */
  async importAsJob(source: AsyncIterable<Uint8Array>, requestedBy: string): Promise<JobView> {
    if (!(await this.jobs.isRedisUp())) {
      throw new HubProblem(503, 'queue-unavailable', 'The job queue (Redis) is not reachable, so large bundles cannot be queued right now; retry shortly or send it in parts.');
    }
    const { uploadId, bytes } = await spoolUpload(this.dataSource, source);
    const data: ImportBundleJobData = { uploadId, bytes, requestedBy };
    // The import is all or nothing, so a retry cannot apply anything twice.
    return this.jobs.submit(QUEUES.imports, 'import-bundle', data, { attempts: 3 });
  }

  export(): AsyncGenerator<string> {
    return exportBundle(this.dataSource);
  }
}
