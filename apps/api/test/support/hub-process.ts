import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const HUB_ARGS = ['--max-semi-space-size=32', '-r', '@swc-node/register', 'apps/api/src/main.ts'];

export interface HubRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run hub -- …` as a user would (without npm's own start-up), and collects its output. */
export function runHub(args: string[], env: Record<string, string>, input?: string): Promise<HubRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...HUB_ARGS, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (part: string) => (stdout += part));
    child.stderr.setEncoding('utf8').on('data', (part: string) => (stderr += part));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePromise(port));
    });
    server.on('error', reject);
  });
}

export interface RunningHub {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts `hub serve` and waits until /health answers. */
export async function startHubServer(env: Record<string, string>): Promise<RunningHub> {
  const port = await freePort();
  const child = spawn(process.execPath, [...HUB_ARGS, 'serve'], { cwd: ROOT, env: { ...process.env, PORT: String(port), ...env } });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (part: string) => (output += part));
  child.stderr!.setEncoding('utf8').on('data', (part: string) => (output += part));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub serve exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`hub serve did not answer within 60 s:\n${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        child.once('exit', (code) => done(code));
        child.kill('SIGTERM');
      }),
  };
}
