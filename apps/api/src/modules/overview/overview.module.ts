import { Module } from '@nestjs/common';
import { OverviewController } from './overview.controller';
import { OverviewService } from './overview.service';

/** The dashboard's Overview: read-only KPIs computed from the store. */
@Module({ controllers: [OverviewController], providers: [OverviewService] })
export class OverviewModule {}
