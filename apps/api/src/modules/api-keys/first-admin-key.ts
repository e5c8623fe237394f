import type { DataSource } from 'typeorm';
import type { HubConfig } from '../../core/config/hub-config';
import { AuditService } from '../audit/audit.service';
import { ApiKeysService } from './api-keys.service';

/**
 * `hub serve` on a store without a usable key and without HUB_ADMIN_KEY: creates an admin key and
 * prints it once. It goes straight to stderr rather than through the logger, so no LOG_LEVEL can
 * swallow the only copy.
 */
export async function announceFirstAdminKey(config: HubConfig, dataSource: DataSource, write = (text: string) => process.stderr.write(text)): Promise<void> {
  if (config.auth.adminKey) return;
  const created = await new ApiKeysService(dataSource, new AuditService(dataSource)).createFirstAdminKeyIfNone();
  if (!created) return;
  const rule = '='.repeat(78);
  write([
    '', rule,
    ' No API key exists yet, so the hub created an admin key (id ' + created.id + '). It is shown',
    ' only this once and cannot be recovered: store it now.',
    '',
    `   ${created.key}`,
    '',
    ' Send it as "Authorization: Bearer <key>". Create narrower keys with',
    ' "npm run -s hub -- keys create" or POST /api/keys, and revoke this one when it is',
    ' no longer needed. Set HUB_ADMIN_KEY to manage keys without one.',
    rule, '', '',
  ].join('\n'));
}
