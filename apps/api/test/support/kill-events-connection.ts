import { Redis } from 'ioredis';

/**
 * Redis drops a hub process's change-event connection (as a Redis restart or a network cut would,
 * seen from the hub): found by its client name (`<prefix>:events`) and killed from another connection.
 */
export async function killEventsConnection(redisUrl: string, prefix: string): Promise<void> {
  const admin = new Redis(redisUrl);
  try {
    const list = (await admin.client('LIST')) as string;
    const id = list.split('\n').find((line) => line.includes(`name=${prefix}:events`))?.match(/^id=(\d+)/)?.[1];
    if (!id) throw new Error(`No Redis client named ${prefix}:events`);
    await admin.client('KILL', 'ID', id);
  } finally {
    admin.disconnect();
  }
}
