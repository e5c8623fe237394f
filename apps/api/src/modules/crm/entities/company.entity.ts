import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CustomProperties } from '@hub/contracts';
import { bigintToNumber, numericToNumber } from './column-transformers';

@Entity({ name: 'companies' })
export class CompanyEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) domain!: string | null;
  @Column('text', { nullable: true }) industry!: string | null;
  @Column('integer', { nullable: true }) employees!: number | null;
  @Column('numeric', { name: 'annual_revenue', nullable: true, transformer: numericToNumber }) annualRevenue!: number | null;
  @Column('text', { nullable: true }) country!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('jsonb', { nullable: true }) custom!: CustomProperties;
}
