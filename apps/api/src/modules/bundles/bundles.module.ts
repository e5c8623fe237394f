import { Module, type OnModuleInit } from '@nestjs/common';
import { McpToolRegistry } from '../../core/mcp/mcp-tool.registry';
import { BundlesController } from './bundles.controller';
import { bundleTools } from './bundles.mcp-tools';
import { BundlesService } from './bundles.service';

@Module({ controllers: [BundlesController], providers: [BundlesService], exports: [BundlesService] })
export class BundlesModule implements OnModuleInit {
  constructor(
    private readonly registry: McpToolRegistry,
    private readonly bundles: BundlesService,
  ) {}

  onModuleInit(): void {
    this.registry.register(...bundleTools(this.bundles));
  }
}
