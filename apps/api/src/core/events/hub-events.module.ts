import { Global, Module } from '@nestjs/common';
import { HubEventsService } from './hub-events.service';

/** Change events shared across the hub's processes (see HubEventsService). */
@Global()
@Module({ providers: [HubEventsService], exports: [HubEventsService] })
export class HubEventsModule {}
