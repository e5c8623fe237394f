import { Module } from '@nestjs/common';
import { LeadScoringModule } from '../lead-scoring/lead-scoring.module';
import { EmbedContextService } from './embed-context.service';
import { EmbedController } from './embed.controller';

/** The in-CRM chat panel's API: a record's facts and scores, and answers about them. */
@Module({ imports: [LeadScoringModule], controllers: [EmbedController], providers: [EmbedContextService] })
export class EmbedModule {}
