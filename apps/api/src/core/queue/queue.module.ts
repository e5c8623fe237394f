import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { QUEUE_NAMES } from '@hub/contracts';
import type { HubConfig } from '../config/hub-config';
import { JobsService } from './jobs.service';
import { redisOptions } from './redis-options';

/**
 * BullMQ on Redis: every queue registered for producing in any process; the processors
 * themselves are added only to worker processes (see WorkerModule).
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({
          connection: redisOptions(config.redis.url, 'producer'),
          prefix: config.redis.prefix,
          defaultJobOptions: {
            attempts: 3,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: 7 * 24 * 3600, count: 5000 },
            removeOnFail: { age: 30 * 24 * 3600, count: 5000 },
          },
        }),
        ...QUEUE_NAMES.map((name) => BullModule.registerQueue({ name })),
      ],
      providers: [JobsService],
      exports: [BullModule, JobsService],
    };
  }
}
