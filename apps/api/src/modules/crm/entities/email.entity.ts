import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EmailDirection } from '@hub/contracts';
import { bigintToNumber } from './column-transformers';

@Entity({ name: 'emails' })
export class EmailEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('text') direction!: EmailDirection;
  @Column('bigint', { name: 'contact_id', nullable: true, transformer: bigintToNumber }) contactId!: number | null;
  @Column('bigint', { name: 'deal_id', nullable: true, transformer: bigintToNumber }) dealId!: number | null;
  @Column('text') subject!: string;
  @Column('text') body!: string;
  @Column('timestamptz', { name: 'sent_at' }) sentAt!: Date;
  @Column('text', { name: 'thread_id', nullable: true }) threadId!: string | null;
}
