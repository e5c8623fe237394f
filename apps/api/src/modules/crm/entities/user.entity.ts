import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { UserRole } from '@hub/contracts';
import { bigintToNumber } from './column-transformers';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn('bigint', { transformer: bigintToNumber }) id!: number;
  @Column('text') name!: string;
  @Column('text') email!: string;
  @Column('text') role!: UserRole;
  @Column('text', { nullable: true }) team!: string | null;
}
