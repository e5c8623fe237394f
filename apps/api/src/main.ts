import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { HubConfigError, loadHubConfig } from './core/config/hub-config';
import { EmbeddedStoreBusyError } from './core/database/embedded/embedded-store-lock';
import { HUB_VERSION } from './core/hub-version';
import { runDemo } from './cli/demo-command';
import { addKeysCommands } from './cli/keys-command';
import { runExport } from './cli/export-command';
import { runImport } from './cli/import-command';
import { openStore } from './cli/open-store';
import { runServe } from './cli/serve-command';
import { runTrain } from './cli/train-command';
import { runWorker } from './cli/worker-command';
import { runMcpStdio } from './cli/mcp-command';

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new InvalidArgumentError('must be a whole number');
  return parsed;
}

/** The `hub` command line: one entry point for the server and every operator task. */
async function main(argv: string[]): Promise<number> {
  const config = loadHubConfig();
  let exitCode = 0;
  const program = new Command('hub').version(HUB_VERSION).description('Syntroph Intelligence Hub').showHelpAfterError();
  program.command('serve', { isDefault: true }).description('start the API and dashboard').action(async () => {
    await runServe(config);
    exitCode = -1; // keep running
  });
  program.command('import').argument('<file>', 'bundle file (.ndjson), or - for stdin').description('import a bundle (all or nothing)')
    .action(async (file: string) => { exitCode = await runImport(config, file); });
  program.command('export').argument('[file]', 'where to write; stdout when absent').description('export the whole store as a bundle')
    .action(async (file?: string) => { exitCode = await runExport(config, file); });
  program.command('demo').description('generate realistic demo data and load it (or only write it with --out)')
    .option('--size <size>', 'small | medium | large', 'small')
    .option('--seed <n>', 'random seed; the same seed gives the same bytes', integer, 42)
    .option('--out <file>', 'write the bundle here instead of loading it')
    .option('--truth <file>', 'also write the true probabilities the generator planted')
    .action(async (options: { size: string; seed: number; out?: string; truth?: string }) => {
      exitCode = await runDemo(config, options);
    });
  program.command('train').argument('<kind>', 'the model to train: lead-score or deal-win').description('train a model now, in this process, and print its held-out metrics')
    .action(async (kind: string) => { exitCode = await runTrain(config, kind); });
  program.command('worker').description('run background jobs (start several to scale)').action(async () => {
    await runWorker(config);
    exitCode = -1; // keep running
  });
  program.command('mcp').description('serve MCP over stdio (for desktop assistants; logs go to stderr)')
    .option('--key <key>', 'act as this API key (default: HUB_MCP_KEY, else the operator with full scope)')
    .action(async (options: { key?: string }) => {
      await runMcpStdio(config, options.key);
      exitCode = -1; // keep running until stdin closes
    });
  addKeysCommands(program, config, (code) => { exitCode = code; });
  program.command('migrate').description('apply pending database migrations').action(async () => {
    const store = await openStore(config, 'join');
    await store.close();
    process.stderr.write('Migrations applied.\n');
  });
  await program.parseAsync(argv);
  return exitCode;
}

main(process.argv).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof HubConfigError || error instanceof EmbeddedStoreBusyError;
    process.stderr.write(`hub: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    process.exitCode = 2;
  },
);
