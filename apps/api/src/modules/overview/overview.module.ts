import { Module } from '@nestjs/common';
import { OverviewController } from './overview.controller';
import { OverviewTrendsService } from './overview-trends.service';
import { OverviewService } from './overview.service';

/** The dashboard's Overview: read-only KPIs computed from the store. */
@Module({ controllers: [OverviewController], providers: [OverviewService, OverviewTrendsService] })
export class OverviewModule {}
