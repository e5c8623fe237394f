import { type DynamicModule, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { HubConfigModule } from './core/config/config.module';
import type { HubConfig } from './core/config/hub-config';
import { DatabaseModule } from './core/database/database.module';
import type { DatabaseHandle } from './core/database/database-connection';
import { BundlesModule } from './modules/bundles/bundles.module';
import { HealthModule } from './modules/health/health.module';

@Module({})
export class AppModule {
  static register(config: HubConfig, handle: DatabaseHandle, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [HubConfigModule.forRoot(config), DatabaseModule.forRoot(handle, dataSource), HealthModule, BundlesModule],
    };
  }
}
