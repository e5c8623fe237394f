import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditedInterceptor } from './audited.interceptor';

/** The audit log: `AuditService` for every feature, `@Audited` for REST handlers, `GET /api/audit`. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: AuditedInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
