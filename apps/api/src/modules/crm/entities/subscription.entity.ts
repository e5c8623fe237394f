import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber, numericToNumber } from './column-transformers';

@Entity({ name: 'subscriptions' })
export class SubscriptionEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('bigint', { name: 'company_id', transformer: bigintToNumber }) companyId!: number;
  @Column('text') product!: string;
  @Column('numeric', { transformer: numericToNumber }) mrr!: number;
  @Column('text') currency!: string;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
}
