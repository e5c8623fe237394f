import { Module, type OnModuleInit } from '@nestjs/common';
import { McpToolRegistry } from '../../core/mcp/mcp-tool.registry';
import { LeadModelsController } from './lead-models.controller';
import { LeadsController } from './leads.controller';
import { leadScoringTools } from './lead-scoring.mcp-tools';
import { LeadScoringService } from './lead-scoring.service';

/** Lead scoring: the model registry and training, scores over REST and MCP; its jobs run in the workers. */
@Module({ controllers: [LeadModelsController, LeadsController], providers: [LeadScoringService], exports: [LeadScoringService] })
export class LeadScoringModule implements OnModuleInit {
  constructor(
    private readonly registry: McpToolRegistry,
    private readonly leads: LeadScoringService,
  ) {}

  onModuleInit(): void {
    this.registry.register(...leadScoringTools(this.leads));
  }
}
