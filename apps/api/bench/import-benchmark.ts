/**
 * `npm run bench:import`: imports a 1,000,000-line bundle into real PostgreSQL and prints
 * records/s and peak RSS, beside a plain COPY of the same rows into the same tables in the same
 * run. Each measurement runs in a child process so its peak RSS is its own.
 * Options: --lines N (default 1000000), DATABASE_URL (default the local test database).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { RECORD_TYPES, ENTITY_NAMES, type RecordType } from '@hub/contracts';
import { openDatabase } from '../src/core/database/database-connection';
import { initializeHubDataSource } from '../src/core/database/hub-data-source';
import { importBundle } from '../src/modules/bundles/bundle-importer';
import { BUNDLE_COLUMNS, toCopyField, toParameter } from '../src/modules/bundles/bundle-columns';
import { benchmarkLines, benchmarkRecords } from './synthetic-bundle';

const url = process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/test';
const argLines = process.argv.indexOf('--lines');
const total = argLines > 0 ? Number(process.argv[argLines + 1]) : 1_000_000;

async function migratedSchema(schema: string) {
  const handle = await openDatabase({ kind: 'postgres', url, schema, poolSize: 4 }, 'own');
  const dataSource = await initializeHubDataSource(handle);
  return { dataSource, drop: async () => { await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`); await dataSource.destroy(); } };
}

/** Child: import the bundle file with the hub's importer. */
async function measureImport(file: string) {
  const { dataSource, drop } = await migratedSchema(`bench_import_${process.pid}`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await importBundle(dataSource, createReadStream(file, { highWaterMark: 256 * 1024 }));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await drop();
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, records: result.records, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Child: COPY the same rows into the same (migrated, indexed) tables, one COPY per table. */
async function measureCopy() {
  const { drop } = await migratedSchema(`bench_copy_${process.pid}`);
  const schema = `bench_copy_${process.pid}`;
  const files = new Map<RecordType, string>();
  const dir = mkdtempSync(join(tmpdir(), 'hub-copy-'));
  const writers = new Map<RecordType, ReturnType<typeof createWriteStream>>();
  for (const record of benchmarkRecords(total)) {
    let out = writers.get(record.type);
    if (!out) {
      files.set(record.type, join(dir, `${record.type}.tsv`));
      writers.set(record.type, (out = createWriteStream(files.get(record.type)!)));
    }
    const row = BUNDLE_COLUMNS[record.type].map((column) => toCopyField(toParameter(column.kind, record.data[column.name]))).join('\t') + '\n';
    if (!out.write(row)) await once(out, 'drain');
  }
  for (const out of writers.values()) { out.end(); await once(out, 'finish'); }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  await client.query('BEGIN');
  for (const type of RECORD_TYPES) {
    const file = files.get(type);
    if (!file) continue;
    const columns = BUNDLE_COLUMNS[type].map((column) => column.name).join(', ');
    const t0 = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY "${schema}".${ENTITY_NAMES[type]} (${columns}) FROM STDIN`)));
    if (process.env.BENCH_VERBOSE) console.error(type, ((performance.now() - t0) / 1000).toFixed(2));
  }
  await client.query('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  rmSync(dir, { recursive: true, force: true });
  await drop();
  return { seconds };
}

async function main() {
  const phase = process.argv[2];
  if (phase === '--child-import') return void process.stdout.write(JSON.stringify(await measureImport(process.argv[3]!)));
  if (phase === '--child-copy') return void process.stdout.write(JSON.stringify(await measureCopy()));

  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const file = join(dir, 'bundle.ndjson');
  await pipeline(Readable.from((function* () { for (const line of benchmarkLines(total)) yield line + '\n'; })()), createWriteStream(file));
  const size = statSync(file).size;
  const child = (...args: string[]) =>
    JSON.parse(execFileSync(process.execPath, ['--max-semi-space-size=32', '-r', '@swc-node/register', __filename, ...args, '--lines', String(total)], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  const copy = child('--child-copy');
  const imported = child('--child-import', file);
  rmSync(dir, { recursive: true, force: true });

  const rate = imported.records / imported.seconds;
  const ratio = imported.seconds / copy.seconds;
  const check = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
  console.log(`Bundle: ${total.toLocaleString('en')} lines, ${(size / 1e6).toFixed(0)} MB, into PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//')}`);
  console.log(`plain COPY of the same rows:   ${copy.seconds.toFixed(2)} s`);
  console.log(`hub import (validate + merge): ${imported.seconds.toFixed(2)} s`);
  console.log(`records/s:  ${Math.round(rate).toLocaleString('en')}  (target >= 100,000: ${check(rate >= 100_000)})`);
  console.log(`vs COPY:    ${ratio.toFixed(2)}x  (target <= 2x: ${check(ratio <= 2)})`);
  console.log(`peak RSS:   ${imported.peakRssMb.toFixed(0)} MB  (target <= 512 MB: ${check(imported.peakRssMb <= 512)})`);
  // CPU time of the importing process: steadier than wall time on a shared machine.
  console.log(`importer CPU: ${imported.cpuSeconds.toFixed(2)} s (${Math.round(imported.records / imported.cpuSeconds).toLocaleString('en')} records per CPU-second)`);
  console.log(`load average at the end: ${loadavg().map((value) => value.toFixed(2)).join(', ')} on ${cpus().length} cores`);
}

main().catch((error) => { console.error(error); process.exit(1); });
