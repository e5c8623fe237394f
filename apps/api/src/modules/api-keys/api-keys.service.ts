import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { API_SCOPES, type ApiKeySummary, type CreateApiKeyRequest, type CreatedApiKey } from '@hub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiKeyEntity } from '../../core/auth/api-key.entity';
import { generateApiKey } from '../../core/auth/api-key-format';
import { forgetVerifiedKeys } from '../../core/auth/api-key.verifier';
import { hubSchemaOf } from '../../core/database/hub-schema';
import { HubProblem } from '../../core/http/problem-details.filter';
import { AuditService } from '../audit/audit.service';

/**
 * Creating, listing and revoking API keys, for REST and the CLI alike. Each change and its audit
 * row are written in one transaction: a key never exists without the record of its creation.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A new key; the answer is the only place its secret ever appears. `actor` goes into the audit log. */
  create(request: CreateApiKeyRequest, actor: string, auditDetail: Record<string, unknown> = {}): Promise<CreatedApiKey> {
    return this.dataSource.transaction((manager) => this.insert(manager, request, actor, auditDetail));
  }

  async list(): Promise<ApiKeySummary[]> {
    const keys = await this.dataSource.getRepository(ApiKeyEntity).find({ order: { id: 'ASC' } });
    return keys.map(toSummary);
  }

  /** Revokes a key for good (revoking it again changes nothing). */
  async revoke(id: number, actor: string, auditDetail: Record<string, unknown> = {}): Promise<ApiKeySummary> {
    const summary = await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ApiKeyEntity);
      const key = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw new HubProblem(404, 'api-key-not-found', `No API key has the id ${id}.`);
      const alreadyRevoked = key.revokedAt !== null;
      if (!alreadyRevoked) {
        key.revokedAt = new Date();
        await repository.update({ id }, { revokedAt: key.revokedAt });
      }
      await this.audit.record({
        keyId: actor, operation: 'keys.revoke', outcome: 'ok', subjectType: 'api_key', subjectIds: [id],
        detail: { name: key.name, prefix: key.prefix, ...(alreadyRevoked ? { alreadyRevoked: true } : {}), ...auditDetail },
      }, manager);
      return toSummary(key);
    });
    // This instance refuses the key (and its tokens) at once; others within VERIFIED_KEY_TTL_MS.
    forgetVerifiedKeys();
    return summary;
  }

  /**
   * On a server start with no usable key (and no HUB_ADMIN_KEY): creates an admin key and returns
   * it, else null. Serialised by an advisory lock, so hubs starting together create one key.
   */
  createFirstAdminKeyIfNone(): Promise<CreatedApiKey | null> {
    return this.dataSource.transaction(async (manager) => {
      const schema = hubSchemaOf(this.dataSource);
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${schema}.first-admin-key`]);
      const [{ usable }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM ${schema}.api_keys WHERE revoked_at IS NULL) AS usable`);
      if (usable) return null;
      return this.insert(manager, { name: 'first admin key', scopes: ['admin'] }, 'system', { reason: 'first start' });
    });
  }

  private async insert(manager: EntityManager, request: CreateApiKeyRequest, actor: string, auditDetail: Record<string, unknown>): Promise<CreatedApiKey> {
    const { key, prefix, secretHash } = generateApiKey();
    const scopes = API_SCOPES.filter((scope) => request.scopes.includes(scope));
    const inserted = await manager.getRepository(ApiKeyEntity).save(manager.create(ApiKeyEntity, {
      prefix, secretHash, name: request.name, scopes, createdAt: new Date(), lastUsedAt: null, revokedAt: null,
    }));
    await this.audit.record({
      keyId: actor, operation: 'keys.create', outcome: 'ok', subjectType: 'api_key', subjectIds: [inserted.id],
      detail: { name: request.name, prefix, scopes, ...auditDetail },
    }, manager);
    return { ...toSummary(inserted), key };
  }
}

export function toSummary(key: ApiKeyEntity): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
