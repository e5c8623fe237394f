#!/usr/bin/env node
// `npm start`: build the dashboard, then run the hub (API + dashboard on PORT, default 3000).
// With no DATABASE_URL the hub uses its embedded PostgreSQL in ./.data and, on a first start,
// loads the small demo data set (HUB_DEMO=off starts empty).
import { spawnSync, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);

const build = spawnSync(bin('vite'), ['build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// A larger young generation: imports allocate many short-lived objects (about 10% faster).
const hub = spawn(process.execPath, ['--max-semi-space-size=32', '-r', '@swc-node/register', 'apps/api/src/main.ts', 'serve', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => hub.kill(signal));
hub.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
