import { Global, Module } from '@nestjs/common';
import { JOB_EVENTS } from '../../core/queue/job-handler';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Global: any feature (and the worker runner) emits events through WebhooksService. */
@Global()
@Module({
  controllers: [WebhooksController],
  providers: [WebhooksService, { provide: JOB_EVENTS, useExisting: WebhooksService }],
  exports: [WebhooksService, JOB_EVENTS],
})
export class WebhooksModule {}
