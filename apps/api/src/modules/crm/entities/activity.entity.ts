import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActivityType } from '@hub/contracts';
import { bigintToNumber } from './column-transformers';

@Entity({ name: 'activities' })
export class ActivityEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('text') type!: ActivityType;
  @Column('bigint', { name: 'contact_id', nullable: true, transformer: bigintToNumber }) contactId!: number | null;
  @Column('bigint', { name: 'deal_id', nullable: true, transformer: bigintToNumber }) dealId!: number | null;
  @Column('bigint', { name: 'user_id', nullable: true, transformer: bigintToNumber }) userId!: number | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('jsonb', { nullable: true }) metadata!: Record<string, unknown> | null;
}
