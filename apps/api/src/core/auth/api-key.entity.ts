import type { ApiScope } from '@hub/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../../modules/crm/entities/column-transformers';

/** An API key: only a SHA-256 hash of its secret is kept, beside the public prefix. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn('bigint', { generated: 'identity', generatedIdentity: 'ALWAYS', transformer: bigintToNumber }) id!: number;
  @Column('text') prefix!: string;
  @Column('text', { name: 'secret_hash' }) secretHash!: string;
  @Column('text') name!: string;
  @Column('text', { array: true }) scopes!: ApiScope[];
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}
