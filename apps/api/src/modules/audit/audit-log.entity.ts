import type { AuditOutcome } from '@hub/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintArrayToNumbers, bigintToNumber } from '../crm/entities/column-transformers';

/** One row of the append-only audit log (a trigger refuses updates and deletes; see the migration). */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryColumn('bigint', { generated: 'identity', generatedIdentity: 'ALWAYS', transformer: bigintToNumber }) id!: number;
  @Column('timestamptz') at!: Date;
  @Column('text', { name: 'key_id', nullable: true }) keyId!: string | null;
  @Column('text') operation!: string;
  @Column('text', { name: 'subject_type', nullable: true }) subjectType!: string | null;
  @Column('bigint', { name: 'subject_ids', array: true, nullable: true, transformer: bigintArrayToNumbers }) subjectIds!: number[] | null;
  @Column('text', { name: 'model_version', nullable: true }) modelVersion!: string | null;
  @Column('integer', { name: 'duration_ms', nullable: true }) durationMs!: number | null;
  @Column('text') outcome!: AuditOutcome;
  @Column('jsonb', { nullable: true }) detail!: object | null;
}
