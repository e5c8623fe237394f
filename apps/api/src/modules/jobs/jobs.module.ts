import { Module, type OnModuleInit } from '@nestjs/common';
import { McpToolRegistry } from '../../core/mcp/mcp-tool.registry';
import { JobsService } from '../../core/queue/jobs.service';
import { JobsController } from './jobs.controller';
import { jobTools } from './jobs.mcp-tools';

@Module({ controllers: [JobsController] })
export class JobsModule implements OnModuleInit {
  constructor(
    private readonly registry: McpToolRegistry,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(...jobTools(this.jobs));
  }
}
