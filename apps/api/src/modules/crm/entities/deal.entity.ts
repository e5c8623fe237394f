import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CustomProperties, DealStage } from '@hub/contracts';
import { bigintToNumber, numericToNumber } from './column-transformers';

@Entity({ name: 'deals' })
export class DealEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('text') name!: string;
  @Column('bigint', { name: 'company_id', nullable: true, transformer: bigintToNumber }) companyId!: number | null;
  @Column('bigint', { name: 'contact_id', nullable: true, transformer: bigintToNumber }) contactId!: number | null;
  @Column('bigint', { name: 'owner_id', nullable: true, transformer: bigintToNumber }) ownerId!: number | null;
  @Column('numeric', { transformer: numericToNumber }) amount!: number;
  @Column('text') currency!: string;
  @Column('text') stage!: DealStage;
  @Column('boolean', { name: 'budget_confirmed', nullable: true }) budgetConfirmed!: boolean | null;
  @Column('date', { name: 'expected_close_date', nullable: true }) expectedCloseDate!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('text', { name: 'lost_reason', nullable: true }) lostReason!: string | null;
  @Column('text', { array: true, nullable: true }) products!: string[] | null;
  @Column('jsonb', { nullable: true }) custom!: CustomProperties;
}
