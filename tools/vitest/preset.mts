import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig, type UserConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '../..');
const tsconfig = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};

/** The workspace path aliases, read from tsconfig.base.json so there is one list. */
export const workspaceAliases = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([name, [target]]) => [name, resolve(root, target)]),
);

/**
 * Shared test setup. SWC compiles TypeScript because Nest's dependency injection needs
 * decorator metadata, which esbuild does not emit.
 */
export function hubVitestConfig(projectDir: string, overrides: UserConfig['test'] = {}): UserConfig {
  return defineConfig({
    root: projectDir,
    plugins: [swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } })],
    resolve: { alias: workspaceAliases },
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      environment: 'node',
      // tools/test.mjs sums these JSON reports into the run's closing line.
      reporters: process.env['HUB_TEST_REPORTS'] ? ['default', 'json'] : ['default'],
      outputFile: process.env['HUB_TEST_REPORTS']
        ? { json: resolve(process.env['HUB_TEST_REPORTS'], `${projectDir.slice(root.length + 1).replace(/\//g, '-')}.json`) }
        : undefined,
      ...overrides,
    },
  }) as UserConfig;
}
