import { Injectable } from '@nestjs/common';
import { grantsScope } from '@hub/contracts';
import { UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import type { HubPrincipal } from '../auth/hub-principal';
import type { HubChangeEvent } from '../events/hub-change-event';
import type { HubMcpPrompt, HubMcpResourceEntry } from './mcp-resource';

/**
 * Every MCP resource, resource template and prompt of the hub, registered by feature modules in
 * `onModuleInit` like tools (see McpToolRegistry); filtered by the caller's scope.
 */
@Injectable()
export class McpResourceRegistry {
  private readonly resources = new Map<string, HubMcpResourceEntry>();
  private readonly prompts = new Map<string, HubMcpPrompt>();
  private readonly matchers = new Map<string, UriTemplate>();

  registerResources(...entries: HubMcpResourceEntry[]): void {
    for (const entry of entries) {
      const key = entry.kind === 'resource' ? entry.uri : entry.uriTemplate;
      if (this.resources.has(key)) throw new Error(`The MCP resource "${key}" is registered twice.`);
      this.resources.set(key, entry);
      if (entry.kind === 'template') this.matchers.set(key, new UriTemplate(entry.uriTemplate));
    }
  }

  registerPrompts(...prompts: HubMcpPrompt[]): void {
    for (const prompt of prompts) {
      if (this.prompts.has(prompt.name)) throw new Error(`The MCP prompt "${prompt.name}" is registered twice.`);
      this.prompts.set(prompt.name, prompt);
    }
  }

  resourcesFor(principal: HubPrincipal): HubMcpResourceEntry[] {
    return [...this.resources.values()].filter((entry) => grantsScope(principal.scopes, entry.scope));
  }

  promptsFor(principal: HubPrincipal): HubMcpPrompt[] {
    return [...this.prompts.values()].filter((prompt) => grantsScope(principal.scopes, prompt.scope));
  }

  /** The resource or template a URI belongs to, if the caller may read it. */
  entryFor(uri: string, principal: HubPrincipal): HubMcpResourceEntry | undefined {
    for (const entry of this.resourcesFor(principal)) {
      if (entry.kind === 'resource' ? entry.uri === uri : this.matchers.get(entry.uriTemplate)!.match(uri) !== null) return entry;
    }
    return undefined;
  }

  /** Of the subscribed URIs, those a change event touches; asks each template about its own URIs. */
  async affected(event: HubChangeEvent, subscribed: readonly string[]): Promise<string[]> {
    const hits: string[] = [];
    for (const entry of this.resources.values()) {
      if (entry.kind === 'resource') {
        if (subscribed.includes(entry.uri) && entry.changedBy?.(event)) hits.push(entry.uri);
        continue;
      }
      const matcher = this.matchers.get(entry.uriTemplate)!;
      const mine = subscribed.filter((uri) => matcher.match(uri) !== null);
      if (mine.length > 0 && entry.affected) hits.push(...(await entry.affected(event, mine)));
    }
    return hits;
  }
}
