import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { Reflector } from '@nestjs/core';

export interface AuditedOptions<Result = unknown> {
  subjectType?: string;
  /** A few facts from the answer (counts, ids): small, no record contents. */
  detail?: (result: Result) => Record<string, unknown> | undefined;
  subjectIds?: (result: Result) => number[] | undefined;
  modelVersion?: (result: Result) => string | undefined;
}

export interface AuditedMetadata {
  operation: string;
  options: AuditedOptions;
}

export const AUDITED = 'hub:audited';

/**
 * Records every call of a REST handler in the audit log (outcome `ok` or `error`, duration, the
 * caller's key) through AuditedInterceptor. For operations with more than one door (REST and the
 * CLI), call `AuditService.record` in the service instead, inside the transaction it records.
 */
export function Audited<Result>(operation: string, options: AuditedOptions<Result> = {}): MethodDecorator {
  const metadata: AuditedMetadata = { operation, options: options as AuditedOptions };
  return SetMetadata(AUDITED, metadata);
}

/**
 * The operation name of a route for the audit log: its `@Audited` name, otherwise
 * `<controller path>.<handler>` (`keys.create`), so a denied call is recorded under a stable name.
 */
export function auditOperationOf(reflector: Reflector, context: ExecutionContext): string {
  const audited = reflector.get<AuditedMetadata | undefined>(AUDITED, context.getHandler());
  if (audited) return audited.operation;
  const path = String(Reflect.getMetadata(PATH_METADATA, context.getClass()) ?? context.getClass().name).replace(/^\/+|\/+$/g, '');
  return `${path.replace(/\//g, '.') || 'root'}.${context.getHandler().name}`;
}
