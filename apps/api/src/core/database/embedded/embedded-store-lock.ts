import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** What the owning process writes into the data folder so other processes can find it. */
export interface EmbeddedStoreOwner {
  pid: number;
  socketDir: string;
  startedAt: string;
}

export const LOCK_FILE = 'hub.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of a data folder, if any; a lock left by a dead process is ignored. */
export function readEmbeddedStoreOwner(dataDir: string): EmbeddedStoreOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as EmbeddedStoreOwner;
    return isAlive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

export class EmbeddedStoreBusyError extends Error {
  constructor(dataDir: string, owner: EmbeddedStoreOwner) {
    super(
      `The embedded database in ${dataDir} is already open in process ${owner.pid} (since ${owner.startedAt}). ` +
        'Two processes writing one data folder would corrupt it: stop that process, or let this one ' +
        `connect through its socket in ${owner.socketDir}.`,
    );
  }
}

/**
 * Takes the data folder for this process. The lock file is created exclusively, so of two
 * processes starting at once only one wins; a lock whose process has died is taken over.
 */
export function acquireEmbeddedStoreLock(dataDir: string, socketDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      const owner: EmbeddedStoreOwner = { pid: process.pid, socketDir, startedAt: new Date().toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readEmbeddedStoreOwner(dataDir);
      if (owner) throw new EmbeddedStoreBusyError(dataDir, owner);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}
