import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, from, type Observable, throwError } from 'rxjs';
import { principalOf } from '../../core/auth/hub-principal';
import { AUDITED, type AuditedMetadata } from './audited.decorator';
import { AuditService } from './audit.service';

/** Writes the audit row of an `@Audited` handler once it has answered (or failed). */
@Injectable()
export class AuditedInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const audited = this.reflector.get<AuditedMetadata | undefined>(AUDITED, context.getHandler());
    if (!audited || context.getType() !== 'http') return next.handle();
    const { operation, options } = audited;
    const keyId = principalOf(context.switchToHttp().getRequest())?.keyId ?? null;
    const started = performance.now();
    const base = { keyId, operation, subjectType: options.subjectType ?? null };
    return next.handle().pipe(
      // The row is written before the answer leaves, so whoever reads the log next sees it.
      concatMap(async (result: unknown) => {
        await this.audit.recordQuietly({
          ...base,
          outcome: 'ok',
          durationMs: performance.now() - started,
          detail: options.detail?.(result) ?? null,
          subjectIds: options.subjectIds?.(result) ?? null,
          modelVersion: options.modelVersion?.(result) ?? null,
        });
        return result;
      }),
      catchError((error: unknown) =>
        from(this.audit.recordQuietly({ ...base, outcome: 'error', durationMs: performance.now() - started, detail: errorDetail(error) }))
          .pipe(concatMap(() => throwError(() => error)))),
    );
  }
}

function errorDetail(error: unknown): Record<string, unknown> {
  const problem = typeof (error as { toProblem?: unknown })?.toProblem === 'function'
    ? (error as { toProblem(): Record<string, unknown> }).toProblem()
    : undefined;
  if (problem) {
    const detail: Record<string, unknown> = { status: problem['status'], type: problem['type'] };
    if (typeof problem['errorCount'] === 'number') detail['errorCount'] = problem['errorCount'];
    return detail;
  }
  const status = (error as { getStatus?: () => number })?.getStatus?.();
  return { status: status ?? 500 };
}
