#!/usr/bin/env node
// `npm test`: lint, typecheck and every project's tests through Nx, then one closing line
// "N passed, N failed, N skipped" summed over the projects' vitest JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'tmp/test-results');
rmSync(reports, { recursive: true, force: true });

const targets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['lint', 'typecheck', 'test'];
const run = spawnSync(
  resolve(root, 'node_modules/.bin/nx'),
  ['run-many', '-t', ...targets, '--outputStyle=stream', '--skip-nx-cache'],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NX_DAEMON: 'false', HUB_TEST_REPORTS: reports } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(reports)) {
  for (const file of readdirSync(reports).filter((name) => name.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(reports, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  }
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
