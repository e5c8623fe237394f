import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TicketPriority, TicketStatus } from '@hub/contracts';
import { bigintToNumber } from './column-transformers';

@Entity({ name: 'tickets' })
export class TicketEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('bigint', { name: 'company_id', transformer: bigintToNumber }) companyId!: number;
  @Column('bigint', { name: 'contact_id', nullable: true, transformer: bigintToNumber }) contactId!: number | null;
  @Column('text') subject!: string;
  @Column('text') priority!: TicketPriority;
  @Column('text') status!: TicketStatus;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'solved_at', nullable: true }) solvedAt!: Date | null;
}
