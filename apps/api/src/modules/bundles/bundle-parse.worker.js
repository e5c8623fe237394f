// Entry of the import's parsing thread. The hub runs TypeScript through @swc-node/register (no
// build step), but a worker thread starts with no require hooks, whatever started the process
// (node -r, vitest): register them here, on the workspace's tsconfig (its path aliases), then
// load the worker itself.
const { resolve } = require('node:path');

process.env.SWC_NODE_PROJECT ??= resolve(__dirname, '../../../../../tsconfig.json');
require('@swc-node/register');
require('./bundle-parse.worker.ts');
