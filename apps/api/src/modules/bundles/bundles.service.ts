import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BundleImportProgress, BundleImportResult } from '@hub/contracts';
import type { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '../../core/config/hub-config';
import { exportBundle } from './bundle-exporter';
import { importBundle } from './bundle-importer';

@Injectable()
export class BundlesService {
  private readonly logger = new Logger('Bundles');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async import(source: AsyncIterable<Uint8Array>, onProgress?: (progress: BundleImportProgress) => void): Promise<BundleImportResult> {
    const result = await importBundle(this.dataSource, source, {
      maxReportedErrors: this.config.import.maxReportedErrors,
      onProgress,
    });
    this.logger.log(`Imported ${result.records} records and ${result.deletes} deletes in ${result.durationMs} ms`);
    return result;
  }

  export(): AsyncGenerator<string> {
    return exportBundle(this.dataSource);
  }
}
