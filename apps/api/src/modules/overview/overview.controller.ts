import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OverviewTrendsView, OverviewView } from '@hub/contracts';
import { RequireScope } from '../../core/auth/auth.decorators';
import { OverviewTrendsService } from './overview-trends.service';
import { OverviewService } from './overview.service';

@ApiTags('overview')
@Controller('overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService, private readonly trendsService: OverviewTrendsService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'The dashboard\'s KPIs: open pipeline by currency, 90-day win rate, new leads, top scored leads, score distribution' })
  @ApiOkResponse({ description: 'Windows end at `asOf`, the data\'s latest event. Forecast KPIs say they are unavailable until forecasting lands.' })
  get(): Promise<OverviewView> {
    return this.overview.overview();
  }

  @Get('trends')
  @RequireScope('read')
  @ApiOperation({ summary: 'Monthly trends for the last twelve months of data: new leads, deals won and lost, win rate, won amount per currency' })
  @ApiOkResponse({ description: 'Months are UTC calendar months, oldest first, ending with the month holding `asOf` (the data\'s latest event), which runs only to `asOf`.' })
  trends(): Promise<OverviewTrendsView> {
    return this.trendsService.trends();
  }
}
