import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { HubConfigModule } from './core/config/config.module';
import type { HubConfig } from './core/config/hub-config';
import { DatabaseModule } from './core/database/database.module';
import type { DatabaseHandle } from './core/database/database-connection';
import { BundlesModule } from './modules/bundles/bundles.module';
import { HealthModule } from './modules/health/health.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { QueueModule } from './core/queue/queue.module';
import { RealtimeModule } from './core/realtime/realtime.module';
import { WorkerModule } from './core/queue/worker.module';
import { ImportBundleJob } from './modules/bundles/import-bundle.job';
import { AuthModule } from './core/auth/auth.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuditModule } from './modules/audit/audit.module';
import { DeliverWebhookJob } from './modules/webhooks/deliver-webhook.job';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { PurgeExpiredDataJob } from './modules/privacy/retention.job';
import { LeadScoringModule } from './modules/lead-scoring/lead-scoring.module';
import { ScoreLeadsJob } from './modules/lead-scoring/score-leads.job';
import { TrainLeadModelJob } from './modules/lead-scoring/train-lead-model.job';
import { McpModule } from './core/mcp/mcp.module';
import { CrmMcpModule } from './modules/crm/crm-mcp.module';
import { OverviewModule } from './modules/overview/overview.module';
import { EmbedModule } from './modules/embed/embed.module';
import { HubEventsModule } from './core/events/hub-events.module';
import { ModelsModule } from './modules/models/models.module';
import { ForecastingModule } from './modules/forecasting/forecasting.module';
import { ForecastingJobsHandler } from './modules/forecasting/forecasting-jobs.handler';

/** Every job handler of the hub; features add theirs here. */
const JOB_HANDLER_TYPES = [ImportBundleJob, DeliverWebhookJob, PurgeExpiredDataJob, TrainLeadModelJob, ScoreLeadsJob, ForecastingJobsHandler];

@Module({})
export class AppModule {
  /** `extra`: more modules, for tests (e.g. the MCP conformance fixtures). */
  static register(config: HubConfig, handle: DatabaseHandle, dataSource: DataSource, extra: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HubConfigModule.forRoot(config), DatabaseModule.forRoot(handle, dataSource), QueueModule.forRoot(config), HubEventsModule,
        AuditModule, AuthModule, McpModule, CrmMcpModule, ModelsModule, ApiKeysModule, RealtimeModule, HealthModule, BundlesModule, JobsModule, WebhooksModule, PrivacyModule,
        LeadScoringModule, ForecastingModule, OverviewModule, EmbedModule, ...extra,
      ],
    };
  }

  /** `hub worker`: the same code without HTTP, running every job handler. */
  static registerWorker(config: HubConfig, handle: DatabaseHandle, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HubConfigModule.forRoot(config), DatabaseModule.forRoot(handle, dataSource), QueueModule.forRoot(config), HubEventsModule,
        WebhooksModule, WorkerModule.register(JOB_HANDLER_TYPES),
      ],
    };
  }
}
