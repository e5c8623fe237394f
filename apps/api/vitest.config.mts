import { hubVitestConfig } from '../../tools/vitest/preset.mts';

export default hubVitestConfig(import.meta.dirname, {
  globalSetup: ['test/support/embedded-template.ts'],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: 'forks',
});
