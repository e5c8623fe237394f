import type { ApiScope } from '@hub/contracts';
import { ErrorCode, McpError, type GetPromptResult, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { HubPrincipal } from '../auth/hub-principal';
import type { HubChangeEvent } from '../events/hub-change-event';

/** The JSON-RPC code MCP gives "resource not found". */
export const RESOURCE_NOT_FOUND = -32002;

/** What a resource read or a prompt learns about its caller. */
export interface McpReadContext {
  principal: HubPrincipal;
  signal: AbortSignal;
}

/** Suggests values of one URI template variable (or prompt argument) from what the user typed. */
export type McpCompleter = (typed: string, context?: { arguments?: Record<string, string> }) => Promise<string[]>;

/** A fixed resource, e.g. `hub://models`. */
export interface HubMcpResource {
  kind: 'resource';
  uri: string;
  name: string;
  title: string;
  description: string;
  mimeType: string;
  scope: ApiScope;
  read(context: McpReadContext): Promise<ReadResourceResult>;
  /** Whether a change event touches this resource (for subscriptions); never when omitted. */
  changedBy?(event: HubChangeEvent): boolean;
}

/**
 * A family of resources under a URI template with one `{id}`-like variable, e.g. `crm://contacts/{id}`.
 * Not listed in `resources/list` unless `list` is given: records are many, so assistants find them
 * through completion (by name) or tools.
 */
export interface HubMcpResourceTemplate {
  kind: 'template';
  name: string;
  uriTemplate: string;
  title: string;
  description: string;
  mimeType: string;
  scope: ApiScope;
  complete?: Record<string, McpCompleter>;
  read(uri: URL, variables: Record<string, string | string[]>, context: McpReadContext): Promise<ReadResourceResult>;
  /**
   * Of the subscribed URIs of this template, those a change event touches (the record itself or
   * data derived from it). Receives only URIs that match the template.
   */
  affected?(event: HubChangeEvent, uris: string[]): Promise<string[]>;
}

export type HubMcpResourceEntry = HubMcpResource | HubMcpResourceTemplate;

/** A prompt: arguments (strings, possibly `completable`) and the messages it builds. */
export interface HubMcpPrompt<Args extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  scope: ApiScope;
  args: Args;
  get(args: z.output<z.ZodObject<Args>>, context: McpReadContext): Promise<GetPromptResult>;
}

export function defineMcpPrompt<Args extends z.ZodRawShape>(prompt: HubMcpPrompt<Args>): HubMcpPrompt<Args> {
  return prompt;
}

/** "No such record": a protocol error (resources have no `isError` results) whose message names the id. */
export function resourceNotFound(uri: string, message: string): McpError {
  return new McpError(RESOURCE_NOT_FOUND, message, { uri });
}

/** A prompt argument that is not usable: says which and why. */
export function invalidPromptArgument(message: string): McpError {
  return new McpError(ErrorCode.InvalidParams, message);
}

/** One JSON document as a resource's contents. */
export function jsonContents(uri: string, value: unknown): ReadResourceResult {
  return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] };
}

/**
 * Record ids as completion values: `17-acme-robotics`, so a person sees the name and the URI still
 * resolves (the read takes the leading number). See `leadingId`.
 */
export function idCompletion(id: number, name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return slug ? `${id}-${slug}` : String(id);
}

/** The id at the start of a URI variable or prompt argument (`17`, `17-acme-robotics`); null when none. */
export function leadingId(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  const match = text ? /^(\d{1,15})(?:-[a-z0-9-]*)?$/.exec(decodeURIComponent(text)) : null;
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
