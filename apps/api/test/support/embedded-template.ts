import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/core/database/database-connection';
import { initializeHubDataSource } from '../../src/core/database/hub-data-source';

/**
 * Vitest global setup: one embedded data folder, created and migrated once per run, that each
 * suite copies (PGlite opens a saved folder in well under a second; creating one takes seconds).
 */
export async function setup(context: { provide: (key: string, value: string) => void }): Promise<() => void> {
  const templateDir = mkdtempSync(join(tmpdir(), 'hub-template-'));
  const handle = await openDatabase({ kind: 'embedded', dataDir: templateDir, schema: 'hub', poolSize: 2 }, 'own');
  const dataSource = await initializeHubDataSource(handle);
  await dataSource.destroy();
  await handle.close();
  context.provide('embeddedTemplateDir', templateDir);
  return () => rmSync(templateDir, { recursive: true, force: true });
}

/** A private copy of the migrated template for one suite. */
export function copyEmbeddedTemplate(templateDir: string): string {
  if (!existsSync(templateDir)) throw new Error(`The embedded template ${templateDir} is missing; is the global setup configured?`);
  const dir = mkdtempSync(join(tmpdir(), 'hub-store-'));
  cpSync(templateDir, dir, { recursive: true });
  return dir;
}
