import { z } from 'zod';
import { McpToolError } from './mcp-tool';

/** Page sizes of every list tool: small enough that a page stays well under assistants' ~25k-token limit. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const pageInputShape = {
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE)
    .describe(`How many items to return (1-${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}).`),
  cursor: z.string().max(200).optional().describe('The `nextCursor` of the previous page; omit it for the first page.'),
};

/** Every list result says how many match, whether this page leaves some out, and where to go on. */
export const pageOutputShape = {
  total: z.number().int().describe('How many items match the filters in all.'),
  returned: z.number().int(),
  truncated: z.boolean().describe('True when more items match than this page holds: pass nextCursor to get them.'),
  nextCursor: z.string().nullable(),
};

export interface PageInfo {
  total: number;
  returned: number;
  truncated: boolean;
  nextCursor: string | null;
}

/** Cursors are opaque to the model; today they carry an offset. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new McpToolError(`The cursor "${cursor}" was not given out by this tool: pass the nextCursor of a previous page unchanged, or omit it to start from the first page.`);
  return Number(match[1]);
}

export function pageInfo(total: number, offset: number, returned: number): PageInfo {
  const next = offset + returned;
  const truncated = next < total;
  return { total, returned, truncated, nextCursor: truncated ? Buffer.from(`o${next}`).toString('base64url') : null };
}

/** Cuts a long text to `max` characters, saying so. */
export function capText(text: string, max: number): { text: string; truncated: boolean; length: number } {
  return text.length <= max
    ? { text, truncated: false, length: text.length }
    : { text: `${text.slice(0, max)}…`, truncated: true, length: text.length };
}

/** The line a page's readable rendering ends with. */
export function pageFooter(page: PageInfo, noun: string): string {
  if (page.total === 0) return `No ${noun} match these filters.`;
  return page.truncated
    ? `Showing ${page.returned} of ${page.total} ${noun}; more exist: call again with cursor "${page.nextCursor}".`
    : `${page.total} ${noun} in all (complete).`;
}
