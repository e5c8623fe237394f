import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHubConfig } from '../config/hub-config';
import { SESSION_CACHE_MS, McpSessionStore } from './mcp-session.store';

/** Two API instances sharing one Redis: each holds its own short-lived cache of sessions. */
describe('MCP sessions in Redis, cached per instance', () => {
  const config = loadHubConfig({ HUB_REDIS_PREFIX: `test-sessions-${randomUUID().slice(0, 8)}`, HUB_DATA_DIR: '/tmp/unused' });
  const stores: McpSessionStore[] = [];
  const instance = () => {
    const store = new McpSessionStore(config);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.onModuleDestroy()));
  });
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

  it('refuses a session ended on another instance at once where the end message is heard', async () => {
    const [one, two] = [instance(), instance()];
    await one.onControl(() => undefined); // the GET stream side subscribes to control messages
    const session = await two.create('key-1', '2025-11-25');
    expect(await one.find(session.id)).toMatchObject({ id: session.id, keyId: 'key-1' });
    await two.remove(session.id);
    // The end message travels through Redis: well under the cache time.
    const started = Date.now();
    while ((await one.find(session.id)) && Date.now() - started < SESSION_CACHE_MS) await sleep(5);
    expect(await one.find(session.id)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(SESSION_CACHE_MS / 2);
  });

  it('refuses a session that vanished from Redis within the cache time, without any message', async () => {
    const [one, two] = [instance(), instance()];
    const session = await two.create('key-1', '2025-11-25');
    expect(await one.find(session.id)).toBeDefined();
    await two.remove(session.id); // `one` does not listen to control messages
    expect(await one.find(session.id)).toBeDefined(); // still cached: the point of the cache
    await sleep(SESSION_CACHE_MS + 50);
    expect(await one.find(session.id)).toBeUndefined();
  });

  it('keeps the log level a request set in the cached session', async () => {
    const one = instance();
    const session = await one.create('key-1', '2025-11-25');
    await one.handle((await one.find(session.id))!).setLogLevel('debug');
    expect((await one.find(session.id))!.logLevel).toBe('debug');
    expect((await instance().find(session.id))!.logLevel).toBe('debug');
  });
});
