import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthReport } from '@hub/contracts';
import type { Response } from 'express';
import { Public } from '../../core/auth/auth.decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness of the hub, its database, Redis and workers; 503 when the database is down.' })
  async get(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.report();
    // Without Redis the hub still serves reads ("degraded"); without its database it serves nothing.
    if (report.database.status !== 'up') response.status(503);
    return report;
  }
}
