import { type DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DatabaseHandle } from './database-connection';

export const DATABASE_HANDLE = Symbol('DATABASE_HANDLE');

/**
 * Hands Nest the DataSource that the process opened (and migrated) before booting, so the CLI,
 * the worker and the server share one way of reaching the store. Whoever opened it closes it:
 * Nest only borrows it (`@InjectDataSource()`; repositories via `dataSource.getRepository`).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(handle: DatabaseHandle, dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_HANDLE, useValue: handle },
        { provide: getDataSourceToken(), useValue: dataSource },
      ],
      exports: [DATABASE_HANDLE, getDataSourceToken()],
    };
  }
}
