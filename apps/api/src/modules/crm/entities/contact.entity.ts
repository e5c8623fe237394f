import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CustomProperties, LeadSource, LifecycleStage, Seniority } from '@hub/contracts';
import { bigintToNumber } from './column-transformers';

@Entity({ name: 'contacts' })
export class ContactEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('bigint', { name: 'company_id', nullable: true, transformer: bigintToNumber }) companyId!: number | null;
  @Column('bigint', { name: 'owner_id', nullable: true, transformer: bigintToNumber }) ownerId!: number | null;
  @Column('text', { name: 'first_name' }) firstName!: string;
  @Column('text', { name: 'last_name' }) lastName!: string;
  @Column('text') email!: string;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('text', { nullable: true }) seniority!: Seniority | null;
  @Column('boolean', { name: 'is_decision_maker', nullable: true }) isDecisionMaker!: boolean | null;
  @Column('text', { name: 'lead_source', nullable: true }) leadSource!: LeadSource | null;
  @Column('text', { name: 'lifecycle_stage' }) lifecycleStage!: LifecycleStage;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at', nullable: true }) updatedAt!: Date | null;
  @Column('jsonb', { nullable: true }) custom!: CustomProperties;
}
