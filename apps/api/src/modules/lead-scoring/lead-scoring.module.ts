import { Module } from '@nestjs/common';
import { LeadModelsController } from './lead-models.controller';
import { LeadsController } from './leads.controller';
import { LeadScoringService } from './lead-scoring.service';

/** Lead scoring: the model registry and training, scores over REST; its jobs run in the workers. */
@Module({ controllers: [LeadModelsController, LeadsController], providers: [LeadScoringService], exports: [LeadScoringService] })
export class LeadScoringModule {}
