import { Module, type OnModuleInit } from '@nestjs/common';
import { McpToolRegistry } from '../../core/mcp/mcp-tool.registry';
import { AuditService } from '../audit/audit.service';
import { LeadModelsController } from './lead-models.controller';
import { LeadRescoreListener } from './lead-rescore.listener';
import { LeadRetrainTrigger } from './lead-retrain.trigger';
import { LeadScoreFreshness } from './lead-score.freshness';
import { LeadsController } from './leads.controller';
import { leadScoringTools } from './lead-scoring.mcp-tools';
import { LeadScoringService } from './lead-scoring.service';

/**
 * Lead scoring: the model registry and training, scores over REST and MCP, fresh scores after
 * imports and retraining on a schedule or new outcomes; its jobs run in the workers.
 */
@Module({
  controllers: [LeadModelsController, LeadsController],
  providers: [LeadScoringService, LeadRetrainTrigger, LeadRescoreListener, LeadScoreFreshness],
  exports: [LeadScoringService, LeadRetrainTrigger],
})
export class LeadScoringModule implements OnModuleInit {
  constructor(
    private readonly registry: McpToolRegistry,
    private readonly leads: LeadScoringService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.registry.register(...leadScoringTools(this.leads, this.audit));
  }
}
