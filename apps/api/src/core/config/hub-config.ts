import { resolve } from 'node:path';
import { z } from 'zod';
import { SecretValue } from './secret-value';

/**
 * The hub's whole configuration, validated once at boot. Nothing else reads `process.env`:
 * every other file receives a `HubConfig`.
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url('must be a postgres:// URL').optional(),
  HUB_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('hub'),
  HUB_DATA_DIR: z.string().min(1).default('./.data'),
  HUB_DEMO: z.enum(['on', 'off']).default('on'),
  HUB_DEMO_SIZE: z.enum(['small', 'medium', 'large']).default('small'),
  HUB_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  HUB_IMPORT_MAX_ERRORS: z.coerce.number().int().min(1).max(10_000).default(100),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  HUB_REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be letters, digits, - or _').default('hub'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  HUB_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  HUB_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  HUB_JOB_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  HUB_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  HUB_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  HUB_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  HUB_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  HUB_IMPORT_JOB_THRESHOLD_BYTES: z.coerce.number().int().min(0).default(32 * 1024 * 1024),
  /** Secret: becomes a SecretValue, never echoed (zod's messages do not repeat values). */
  HUB_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  HUB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Comma-separated host names (any port) `/mcp` answers to; `*` allows any (behind a trusted proxy). */
  HUB_MCP_ALLOWED_HOSTS: z.string().default('localhost,127.0.0.1,[::1]'),
  /** Comma-separated browser origins allowed to call `/mcp`; an entry without a port allows any port. */
  HUB_MCP_ALLOWED_ORIGINS: z.string().default('http://localhost,http://127.0.0.1,http://[::1]'),
  /** Secret: the API key `hub mcp` (stdio) acts as; without it, the operator's full CLI access. */
  HUB_MCP_KEY: z.string().min(1).optional(),
  /** The hub's public base URL (https://hub.example.com): MCP's resource identifier and token audience. */
  HUB_PUBLIC_URL: z.string().url('must be an http(s) URL').regex(/^https?:\/\//, 'must be an http(s) URL').optional(),
  /** When lead models retrain on their own: a cron pattern (default Sundays 03:00 UTC), or `off`. */
  /** A batch rescore of more open leads than this is split into shard jobs that any worker can take. */
  HUB_SCORING_SHARD_LEADS: z.coerce.number().int().min(100).max(10_000_000).default(25_000),
  HUB_LEAD_RETRAIN_CRON: z.string().trim().regex(/^(off|(\S+\s+){4,5}\S+)$/, 'must be a cron pattern of 5 or 6 fields, or off').default('0 3 * * 0'),
  /** When deal-win models retrain on their own: a cron pattern (default Sundays 03:30 UTC), or `off`. */
  HUB_DEAL_RETRAIN_CRON: z.string().trim().regex(/^(off|(\S+\s+){4,5}\S+)$/, 'must be a cron pattern of 5 or 6 fields, or off').default('30 3 * * 0'),
  /** When the forecast is recomputed on its own: a cron pattern (default nightly 02:30 UTC), or `off`. */
  HUB_FORECAST_CRON: z.string().trim().regex(/^(off|(\S+\s+){4,5}\S+)$/, 'must be a cron pattern of 5 or 6 fields, or off').default('30 2 * * *'),
  /** Units of each currency per 1 EUR (the reporting currency), e.g. `USD=1.08,GBP=0.85`; deals in other currencies are skipped. */
  HUB_FX_RATES: z.string().trim().regex(/^([A-Za-z]{3}=\d+(\.\d+)?)(\s*,\s*[A-Za-z]{3}=\d+(\.\d+)?)*$/, 'must read like USD=1.08,GBP=0.85')
    .refine((value) => value.split(',').every((pair) => Number(pair.split('=')[1]) > 0), 'every rate must be above 0').default('USD=1.08,GBP=0.85'),
});

export interface HubConfig {
  port: number;
  host: string;
  database:
    | { kind: 'postgres'; url: string; schema: string; poolSize: number }
    | { kind: 'embedded'; dataDir: string; schema: string; poolSize: number };
  demo: { enabled: boolean; size: 'small' | 'medium' | 'large' };
  import: { maxReportedErrors: number };
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** `prefix` namespaces every Redis key of this hub (queues, cancel flags, rate limits). */
  redis: { url: string; prefix: string };
  /** Workers `hub serve` starts beside itself; concurrency and lock (stall detection) per worker. */
  jobs: { workers: number; concurrency: number; lockMs: number; importThresholdBytes: number };
  /** Deliveries retry `attempts` times with exponential backoff from `backoffMs`, then are marked failed. */
  webhooks: { attempts: number; backoffMs: number; timeoutMs: number };
  /** Derived data and audit rows older than this are purged daily. */
  retention: { days: number };
  /** HUB_ADMIN_KEY, when set, is accepted as an admin key (key id `env:admin`). */
  auth: { adminKey: SecretValue | undefined };
  /** Requests per API key per minute. */
  rateLimit: { perMinute: number };
  /** DNS-rebinding protection of `/mcp`: the Host names and Origins it accepts. */
  mcp: { allowedHosts: string[]; allowedOrigins: string[]; stdioKey: SecretValue | undefined };
  /** HUB_PUBLIC_URL without a trailing slash; unset: derived from each request's protocol and Host. */
  publicUrl?: string;
  /**
   * The lead model's scheduled retraining (null: off; it also retrains when enough new outcomes arrive),
   * and the open leads per shard job of a batch rescore.
   */
  leadScoring: { retrainCron: string | null; shardLeads: number };
  /** Nightly forecast recompute (null: off); `fxRates`: units per 1 EUR, EUR itself included. */
  forecasting: { cron: string | null; fxRates: Record<string, number>; retrainCron: string | null };
}

export class HubConfigError extends Error {}

export function loadHubConfig(env: Record<string, string | undefined> = process.env): HubConfig {
  // Empty strings from shell exports mean "unset", as most tools treat them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new HubConfigError(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  const schema = c.HUB_DB_SCHEMA;
  const poolSize = c.HUB_DB_POOL_SIZE;
  return {
    port: c.PORT,
    host: c.HOST,
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, schema, poolSize }
      : { kind: 'embedded', dataDir: resolve(c.HUB_DATA_DIR), schema, poolSize },
    demo: { enabled: c.HUB_DEMO === 'on', size: c.HUB_DEMO_SIZE },
    import: { maxReportedErrors: c.HUB_IMPORT_MAX_ERRORS },
    logLevel: c.LOG_LEVEL,
    redis: { url: c.REDIS_URL, prefix: c.HUB_REDIS_PREFIX },
    jobs: {
      workers: c.HUB_WORKERS,
      concurrency: c.HUB_WORKER_CONCURRENCY,
      lockMs: c.HUB_JOB_LOCK_MS,
      importThresholdBytes: c.HUB_IMPORT_JOB_THRESHOLD_BYTES,
    },
    retention: { days: c.HUB_RETENTION_DAYS },
    webhooks: { attempts: c.HUB_WEBHOOK_ATTEMPTS, backoffMs: c.HUB_WEBHOOK_BACKOFF_MS, timeoutMs: c.HUB_WEBHOOK_TIMEOUT_MS },
    auth: { adminKey: c.HUB_ADMIN_KEY ? new SecretValue(c.HUB_ADMIN_KEY) : undefined },
    rateLimit: { perMinute: c.HUB_RATE_LIMIT_PER_MINUTE },
    mcp: {
      allowedHosts: commaList(c.HUB_MCP_ALLOWED_HOSTS),
      allowedOrigins: commaList(c.HUB_MCP_ALLOWED_ORIGINS),
      stdioKey: c.HUB_MCP_KEY ? new SecretValue(c.HUB_MCP_KEY) : undefined,
    },
    publicUrl: c.HUB_PUBLIC_URL?.replace(/\/+$/, ''),
    leadScoring: { retrainCron: c.HUB_LEAD_RETRAIN_CRON === 'off' ? null : c.HUB_LEAD_RETRAIN_CRON, shardLeads: c.HUB_SCORING_SHARD_LEADS },
    forecasting: {
      cron: c.HUB_FORECAST_CRON === 'off' ? null : c.HUB_FORECAST_CRON, fxRates: fxRates(c.HUB_FX_RATES),
      retrainCron: c.HUB_DEAL_RETRAIN_CRON === 'off' ? null : c.HUB_DEAL_RETRAIN_CRON,
    },
  };
}

function fxRates(value: string): Record<string, number> {
  const rates: Record<string, number> = { EUR: 1 };
  for (const pair of commaList(value)) {
    const [code, rate] = pair.split('=');
    rates[code!.trim().toUpperCase()] = Number(rate);
  }
  return rates;
}

function commaList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');
