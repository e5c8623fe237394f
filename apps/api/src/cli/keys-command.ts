import { userInfo } from 'node:os';
import { API_SCOPES, type ApiKeySummary, type ApiScope } from '@hub/contracts';
import type { Command } from 'commander';
import type { HubConfig } from '../core/config/hub-config';
import { maskedKey } from '../core/auth/api-key-format';
import { CLI_ACTOR } from '../core/auth/hub-principal';
import { HubProblem } from '../core/http/problem-details.filter';
import { ApiKeysService } from '../modules/api-keys/api-keys.service';
import { AuditService } from '../modules/audit/audit.service';
import { openStore } from './open-store';

/** `hub keys create|list|revoke`: key management at the console, through a running hub's socket when up. */
export function addKeysCommands(program: Command, config: HubConfig, setExitCode: (code: number) => void): void {
  const keys = program.command('keys').description('create, list and revoke API keys');
  keys.command('create').description('create a key and print it (shown this once; only its hash is stored)')
    .requiredOption('--name <name>', 'what the key is for, e.g. "CRM sync"')
    .requiredOption('--scopes <scopes>', `comma-separated: ${API_SCOPES.join(', ')} (admin implies write, write implies read)`)
    .action(async (options: { name: string; scopes: string }) => setExitCode(await createKey(config, options)));
  keys.command('list').description('list keys (never their secrets)').option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => setExitCode(await listKeys(config, options.json === true)));
  keys.command('revoke').argument('<id>', 'the key id, as `keys list` shows it').description('revoke a key; it stops working at once')
    .action(async (id: string) => setExitCode(await revokeKey(config, id)));
}

async function withKeys<T>(config: HubConfig, work: (keys: ApiKeysService) => Promise<T>): Promise<T> {
  const store = await openStore(config, 'join');
  try {
    return await work(new ApiKeysService(store.dataSource, new AuditService(store.dataSource)));
  } finally {
    await store.close();
  }
}

async function createKey(config: HubConfig, options: { name: string; scopes: string }): Promise<number> {
  const scopes = options.scopes.split(',').map((scope) => scope.trim()).filter(Boolean);
  const unknown = scopes.filter((scope) => !API_SCOPES.includes(scope as ApiScope));
  if (scopes.length === 0 || unknown.length > 0) {
    process.stderr.write(`hub keys create: --scopes takes ${API_SCOPES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}\n`);
    return 2;
  }
  const name = options.name.trim();
  if (!name || name.length > 100) {
    process.stderr.write('hub keys create: --name must be 1 to 100 characters\n');
    return 2;
  }
  const created = await withKeys(config, (keys) => keys.create({ name, scopes: scopes as ApiScope[] }, CLI_ACTOR, operator()));
  process.stdout.write(JSON.stringify(created, null, 2) + '\n');
  process.stderr.write(`Created key ${created.id}. Store the key now: it is shown only this once.\n`);
  return 0;
}

async function listKeys(config: HubConfig, json: boolean): Promise<number> {
  const list = await withKeys(config, (keys) => keys.list());
  process.stdout.write(json ? JSON.stringify(list, null, 2) + '\n' : table(list));
  return 0;
}

async function revokeKey(config: HubConfig, id: string): Promise<number> {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) {
    process.stderr.write(`hub keys revoke: ${id} is not a key id (a positive whole number; see "keys list")\n`);
    return 2;
  }
  try {
    const revoked = await withKeys(config, (keys) => keys.revoke(Number(id), CLI_ACTOR, operator()));
    process.stdout.write(JSON.stringify(revoked, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof HubProblem && error.status === 404) {
      process.stderr.write(`hub keys revoke: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** Who ran the command, for the audit row (best effort: some containers have no user name). */
function operator(): Record<string, unknown> {
  try {
    return { osUser: userInfo().username };
  } catch {
    return {};
  }
}

function table(keys: ApiKeySummary[]): string {
  if (keys.length === 0) return 'No API keys yet; create one with "hub keys create --name NAME --scopes read".\n';
  const rows = [
    ['ID', 'NAME', 'KEY', 'SCOPES', 'CREATED', 'LAST USED', 'REVOKED'],
    ...keys.map((key) => [
      String(key.id), key.name, maskedKey(key.prefix), key.scopes.join(','), key.createdAt, key.lastUsedAt ?? '-', key.revokedAt ?? '-',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n') + '\n';
}
