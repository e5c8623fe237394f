import { RECORD_TYPES } from '@hub/contracts';
import { z } from 'zod';
import { defineMcpTool, type HubMcpTool, McpToolError } from '../../core/mcp/mcp-tool';
import { BundleRejectedError } from './bundle-import.errors';
import type { BundlesService } from './bundles.service';

/** What fits in one MCP request (the endpoint takes 4 MB of JSON); larger bundles go through REST or the CLI. */
const MAX_BUNDLE_CHARS = 3_000_000;
const LISTED_PROBLEMS = 20;
const CHUNK_BYTES = 64 * 1024;

/** `import_bundle`: CRM changes in as NDJSON, all or nothing, with progress and cancellation. */
export function bundleTools(bundles: BundlesService): HubMcpTool[] {
  const importTool = defineMcpTool({
    name: 'import_bundle',
    title: 'Import a bundle of CRM changes',
    description: `Writes CRM records into the hub from a bundle: NDJSON text, one {"type": "<record type>", "data": {...}} per line (record types: ${RECORD_TYPES.join(', ')}; "delete" lines remove records). All or nothing: any invalid line refuses the whole bundle and the result lists the problems by line. Re-importing the same bundle changes nothing more. Up to ${MAX_BUNDLE_CHARS.toLocaleString('en-US')} characters; send larger ones in parts. Reports progress when asked, and cancelling rolls everything back.`,
    scope: 'write',
    subjectType: 'bundle',
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    inputSchema: z.object({
      bundle: z.string().min(1).max(MAX_BUNDLE_CHARS).describe('The NDJSON bundle text.'),
    }),
    outputSchema: z.object({
      lines: z.number(), records: z.number(), deletes: z.number(), durationMs: z.number(),
      entities: z.record(z.string(), z.record(z.string(), z.number())).describe('Per record type: created, updated, unchanged, deleted.'),
    }),
    async handler({ bundle }, { signal, reportProgress }) {
      const bytes = Buffer.from(bundle, 'utf8');
      // Cancelling stops the reading, which fails the import inside its transaction: nothing is written.
      async function* source(): AsyncGenerator<Uint8Array> {
        for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
          if (signal.aborted) throw new McpToolError('The import was cancelled; nothing was written.');
          yield bytes.subarray(start, start + CHUNK_BYTES);
        }
      }
      const pending: Promise<void>[] = [];
      try {
        const result = await bundles.import(source(), (progress) => {
          pending.push(reportProgress(progress.bytes, bytes.length, `${progress.phase}: ${progress.lines} lines`).catch(() => undefined));
        });
        await Promise.all(pending);
        const counts = Object.entries(result.entities).map(([type, c]) => `${type} ${JSON.stringify(c)}`).join('; ');
        return {
          structured: result as never,
          text: `Imported ${result.lines} lines: ${result.records} records written, ${result.deletes} deleted, in ${result.durationMs} ms.${counts ? `\n${counts}` : ''}`,
        };
      } catch (error) {
        if (!(error instanceof BundleRejectedError)) throw error;
        const listed = error.errors.slice(0, LISTED_PROBLEMS).map((e) => `- line ${e.line}, ${e.field}: ${e.reason}`);
        throw new McpToolError([
          `${error.message} Fix these lines and send the whole bundle again:`,
          ...listed,
          ...(error.errorCount > listed.length ? [`(${error.errorCount - listed.length} more problems not listed)`] : []),
        ].join('\n'));
      }
    },
  });
  return [importTool] as unknown as HubMcpTool[];
}
