import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { JOB_HANDLERS, type JobHandler } from './job-handler';
import { WorkerRunner } from './worker-runner';

/** The job-running half of the hub, loaded only by `hub worker` processes. */
@Module({})
export class WorkerModule {
  static register(handlers: Type<JobHandler>[], imports: DynamicModule['imports'] = []): DynamicModule {
    const providers: Provider[] = [
      ...handlers,
      { provide: JOB_HANDLERS, useFactory: (...instances: JobHandler[]) => instances, inject: handlers },
      WorkerRunner,
    ];
    return { module: WorkerModule, imports, providers };
  }
}
