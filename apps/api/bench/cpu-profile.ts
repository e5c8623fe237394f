import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * With HUB_BENCH_CPU_PROFILE=dir, starts a CPU profile of this process; the returned function stops
 * it and writes `<dir>/<name>-<time>.cpuprofile` (open in Chrome DevTools). Without it, nothing.
 */
export async function startCpuProfile(name: string): Promise<(() => Promise<void>) | undefined> {
  const dir = process.env['HUB_BENCH_CPU_PROFILE'];
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((done, fail) => session.post(method, (error, result) => (error ? fail(error) : done(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    const file = join(dir, `${name}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.error(`CPU profile: ${file}`);
  };
}
