import { Module, type OnModuleInit } from '@nestjs/common';
import { McpToolRegistry } from '../../core/mcp/mcp-tool.registry';
import { crmEngagementTools } from './crm-engagement.mcp-tools';
import { CrmReadService } from './crm-read.service';
import { crmRecordTools } from './crm-records.mcp-tools';

/** The CRM copy as MCP tools: search and fetch contacts, companies, deals and their history. */
@Module({ providers: [CrmReadService], exports: [CrmReadService] })
export class CrmMcpModule implements OnModuleInit {
  constructor(
    private readonly registry: McpToolRegistry,
    private readonly crm: CrmReadService,
  ) {}

  onModuleInit(): void {
    this.registry.register(...crmRecordTools(this.crm), ...crmEngagementTools(this.crm));
  }
}
