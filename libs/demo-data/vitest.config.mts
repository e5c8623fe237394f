import { hubVitestConfig } from '../../tools/vitest/preset.mts';

// Generating the medium and large sizes takes seconds, not milliseconds.
export default hubVitestConfig(import.meta.dirname, { testTimeout: 120_000, hookTimeout: 120_000 });
