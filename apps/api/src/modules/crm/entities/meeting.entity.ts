import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintArrayToNumbers, bigintToNumber } from './column-transformers';

@Entity({ name: 'meetings' })
export class MeetingEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('text') title!: string;
  @Column('bigint', { name: 'deal_id', nullable: true, transformer: bigintToNumber }) dealId!: number | null;
  @Column('bigint', { name: 'contact_ids', array: true, transformer: bigintArrayToNumbers }) contactIds!: number[];
  @Column('bigint', { name: 'user_id', nullable: true, transformer: bigintToNumber }) userId!: number | null;
  @Column('timestamptz', { name: 'started_at' }) startedAt!: Date;
  @Column('integer', { name: 'duration_minutes' }) durationMinutes!: number;
  @Column('text') notes!: string;
}
