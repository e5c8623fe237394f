import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DatabaseHandle } from './database-connection';

export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');

/**
 * Hands Nest the DataSource that the process opened (and migrated) before booting, so the CLI,
 * the worker and the server share one way of reaching the store.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(handle: DatabaseHandle, dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
      ],
      providers: [{ provide: DATABASE_HANDLE, useValue: handle }],
      exports: [DATABASE_HANDLE],
    };
  }
}
