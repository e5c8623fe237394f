import type { DataSource, QueryRunner } from 'typeorm';

/** The hub's schema name, quoted for SQL. It is validated as a plain identifier at boot. */
export function hubSchemaOf(source: QueryRunner | DataSource): string {
  const connection = 'connection' in source ? source.connection : source;
  const schema = (connection.options as { schema?: string }).schema ?? 'hub';
  return `"${schema}"`;
}
