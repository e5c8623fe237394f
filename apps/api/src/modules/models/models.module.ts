import { Module, type OnModuleInit } from '@nestjs/common';
import { McpResourceRegistry } from '../../core/mcp/mcp-resource.registry';
import { ModelRegistryReader } from './model-registry.reader';
import { modelsResource } from './models.mcp-resources';

/** The model registry across kinds, read-only: `hub://models` over MCP. */
@Module({ providers: [ModelRegistryReader], exports: [ModelRegistryReader] })
export class ModelsModule implements OnModuleInit {
  constructor(
    private readonly resources: McpResourceRegistry,
    private readonly reader: ModelRegistryReader,
  ) {}

  onModuleInit(): void {
    this.resources.registerResources(modelsResource(this.reader));
  }
}
