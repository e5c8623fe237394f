import type { ApiScope } from '@hub/contracts';
import type { ContentBlock, LoggingLevel, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { HubPrincipal } from '../auth/hub-principal';

/** What a tool handler learns about its call. */
export interface McpToolContext {
  principal: HubPrincipal;
  /** Aborted when the client cancels the request or goes away. */
  signal: AbortSignal;
  /** Sends a progress notification when the client asked for them (a progress token); else nothing. */
  reportProgress(progress: number, total?: number, message?: string): Promise<void>;
  /**
   * Sends an MCP log message (`notifications/message`) when it passes the session's level
   * (`logging/setLevel`; info until set). For notable events, not for every row.
   */
  log(level: LoggingLevel, message: string, data?: Record<string, unknown>): Promise<void>;
}

/** A tool's answer: the structured result (checked against `outputSchema`) and its readable rendering. */
export interface McpToolAnswer<Output> {
  structured: Output;
  text: string;
  /** Content blocks other than the text (images, embedded resources); replaces the text block when given. */
  content?: ContentBlock[];
}

/**
 * One MCP tool as a feature module contributes it. The hub's MCP layer adds scope filtering,
 * error mapping and the audit row, so a tool is only: schemas, words for the model, one handler.
 */
export interface HubMcpTool<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  /** For the model: what the tool is for, when to use it, what it returns. */
  description: string;
  /** The API scope a key needs to see and call the tool (admin ⊃ write ⊃ read). */
  scope: ApiScope;
  inputSchema: Input;
  /** Every hub tool has one; only fixtures that return bare content (the conformance suite's) omit it. */
  outputSchema?: Output;
  annotations: Omit<ToolAnnotations, 'title'>;
  /** The CRM record type the call touches, for the audit log (`contact`, `deal`…). */
  subjectType?: string;
  handler(input: z.output<Input>, context: McpToolContext): Promise<McpToolAnswer<z.output<Output>>>;
}

/** Helps TypeScript infer a tool's input and output types from its schemas. */
export function defineMcpTool<Input extends z.ZodObject, Output extends z.ZodObject>(tool: HubMcpTool<Input, Output>): HubMcpTool<Input, Output> {
  return tool;
}

/**
 * A refusal the model can act on: `message` says what was wrong and what to change
 * (an unknown id names the id). Becomes an `isError` result, never a protocol error.
 */
export class McpToolError extends Error {
  constructor(message: string, readonly subjectIds: number[] = []) {
    super(message);
  }
}

/** The usual read-only annotations of a lookup over the CRM copy. */
export const READ_ONLY_LOOKUP: HubMcpTool['annotations'] = {
  readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false,
};
