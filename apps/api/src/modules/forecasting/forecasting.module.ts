import { Module, type OnModuleInit } from '@nestjs/common';
import { McpToolRegistry } from '../../core/mcp/mcp-tool.registry';
import { DealRetrainTrigger } from './deal-retrain.trigger';
import { DealWinModelsController } from './deal-win-models.controller';
import { ForecastController } from './forecast.controller';
import { ForecastSchedule } from './forecast-schedule';
import { forecastingTools } from './forecasting.mcp-tools';
import { ForecastingService } from './forecasting.service';

/**
 * Sales forecasting: the deal-win model registry and training, the forecast with its backtest,
 * pipeline health, deal risks and live deal predictions over REST and MCP, the nightly recompute and
 * retraining on a schedule and on new wins;
 * its jobs run in the workers (ForecastingJobsHandler).
 */
@Module({
  controllers: [DealWinModelsController, ForecastController],
  providers: [ForecastingService, ForecastSchedule, DealRetrainTrigger],
  exports: [ForecastingService],
})
export class ForecastingModule implements OnModuleInit {
  constructor(
    private readonly registry: McpToolRegistry,
    private readonly forecasting: ForecastingService,
  ) {}

  onModuleInit(): void {
    this.registry.register(...forecastingTools(this.forecasting));
  }
}
