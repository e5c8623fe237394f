import { Module, type OnModuleInit } from '@nestjs/common';
import { McpResourceRegistry } from '../../core/mcp/mcp-resource.registry';
import { McpToolRegistry } from '../../core/mcp/mcp-tool.registry';
import { crmEngagementTools } from './crm-engagement.mcp-tools';
import { CrmReadService } from './crm-read.service';
import { crmRecordTools } from './crm-records.mcp-tools';
import { crmPrompts } from './crm.mcp-prompts';
import { crmResourceTemplates } from './crm.mcp-resources';

/** The CRM copy over MCP: search and fetch tools, `crm://` resources, and the account/deal/meeting prompts. */
@Module({ providers: [CrmReadService], exports: [CrmReadService] })
export class CrmMcpModule implements OnModuleInit {
  constructor(
    private readonly registry: McpToolRegistry,
    private readonly resources: McpResourceRegistry,
    private readonly crm: CrmReadService,
  ) {}

  onModuleInit(): void {
    const tools = [...crmRecordTools(this.crm), ...crmEngagementTools(this.crm)];
    this.registry.register(...tools);
    this.resources.registerResources(...crmResourceTemplates(this.crm, tools));
    this.resources.registerPrompts(...crmPrompts(this.crm, tools));
  }
}
