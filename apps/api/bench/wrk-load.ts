/**
 * Load from wrk (Debian's `wrk`), the C load generator: it needs a fraction of autocannon's CPU, so on
 * a 2-core machine more of the machine is left to the server being measured.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoadFigures { total: number; perSecond: number; non2xx: number; errors: number; p50: number; p95: number; p99: number }

export async function wrkLoad(order: { url: string; connections: number; seconds: number; bodies: string[]; key: string }): Promise<LoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-wrk-'));
  try {
    const bodies = join(dir, 'bodies.jsonl');
    writeFileSync(bodies, order.bodies.join('\n') + '\n');
    const output = await run('wrk', ['-t1', `-c${order.connections}`, `-d${order.seconds}s`, '--timeout', '10s', '-s', join(__dirname, 'wrk-post-bodies.lua'), order.url],
      { ...process.env, WRK_BODIES: bodies, WRK_KEY: order.key });
    const line = output.split('\n').find((text) => text.startsWith('WRK_RESULT '));
    if (!line) throw new Error(`wrk printed no result:\n${output}`);
    const raw = JSON.parse(line.slice('WRK_RESULT '.length)) as { requests: number; durationUs: number; non2xx: number; errors: number; p50: number; p95: number; p99: number };
    return { total: raw.requests, perSecond: raw.requests / (raw.durationUs / 1e6), non2xx: raw.non2xx, errors: raw.errors, p50: raw.p50, p95: raw.p95, p99: raw.p99 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', (error) => reject(new Error(`${command} could not start (${error.message}); on Debian: apt-get install wrk`)));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}:\n${output}`))));
  });
}
