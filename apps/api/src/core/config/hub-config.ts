import { resolve } from 'node:path';
import { z } from 'zod';

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
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  HUB_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  HUB_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  HUB_JOB_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  HUB_IMPORT_JOB_THRESHOLD_BYTES: z.coerce.number().int().min(0).default(32 * 1024 * 1024),
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
  redis: { url: string };
  /** Workers `hub serve` starts beside itself; concurrency and lock (stall detection) per worker. */
  jobs: { workers: number; concurrency: number; lockMs: number; importThresholdBytes: number };
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
    redis: { url: c.REDIS_URL },
    jobs: {
      workers: c.HUB_WORKERS,
      concurrency: c.HUB_WORKER_CONCURRENCY,
      lockMs: c.HUB_JOB_LOCK_MS,
      importThresholdBytes: c.HUB_IMPORT_JOB_THRESHOLD_BYTES,
    },
  };
}

export const HUB_CONFIG = Symbol('HUB_CONFIG');
