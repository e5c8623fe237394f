import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OverviewView } from '@hub/contracts';
import { RequireScope } from '../../core/auth/auth.decorators';
import { OverviewService } from './overview.service';

@ApiTags('overview')
@Controller('overview')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'The dashboard\'s KPIs: open pipeline by currency, 90-day win rate, new leads, top scored leads, score distribution' })
  @ApiOkResponse({ description: 'Windows end at `asOf`, the data\'s latest event. Forecast KPIs say they are unavailable until forecasting lands.' })
  get(): Promise<OverviewView> {
    return this.overview.overview();
  }
}
