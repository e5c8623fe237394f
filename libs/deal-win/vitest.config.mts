import { hubVitestConfig } from '../../tools/vitest/preset.mts';

export default hubVitestConfig(import.meta.dirname);
