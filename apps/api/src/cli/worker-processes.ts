import { type ChildProcess, spawn } from 'node:child_process';
import { Logger } from '@nestjs/common';

const RESTART_DELAY_MS = 2000;

/**
 * The workers `hub serve` keeps beside itself (HUB_WORKERS, default 1): the same program started
 * as `hub worker`, restarted if one dies. More workers, here or on other machines, scale jobs.
 */
export function superviseWorkers(count: number): { stop(): Promise<void> } {
  const logger = new Logger('Workers');
  const children = new Set<ChildProcess>();
  let stopping = false;
  const start = () => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'worker'], { stdio: ['ignore', 'inherit', 'inherit'] });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (stopping) return;
      logger.warn(`A worker stopped (${signal ?? `exit ${code}`}); starting another in ${RESTART_DELAY_MS / 1000} s`);
      setTimeout(() => !stopping && start(), RESTART_DELAY_MS).unref();
    });
  };
  for (let index = 0; index < count; index++) start();
  return {
    async stop() {
      stopping = true;
      await Promise.all([...children].map((child) => new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      })));
    },
  };
}
