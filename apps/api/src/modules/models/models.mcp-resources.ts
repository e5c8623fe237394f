import { type HubMcpResource, jsonContents } from '../../core/mcp/mcp-resource';
import type { ModelRegistryReader } from './model-registry.reader';

export const MODELS_URI = 'hub://models';

/** `hub://models`: every model kind with its active version, its versions and their held-out metrics. */
export function modelsResource(reader: ModelRegistryReader): HubMcpResource {
  return {
    kind: 'resource',
    uri: MODELS_URI,
    name: 'models',
    title: 'Model registry',
    description: 'The hub\'s predictive models by kind (lead-score, …): which version is active, every version with its training date and held-out metrics. Read it to judge how far to trust a score.',
    mimeType: 'application/json',
    scope: 'read',
    async read() {
      return jsonContents(MODELS_URI, { kinds: await reader.overview() });
    },
    // A training run or a rollback publishes `derived: {"model-versions": [...]}` or comes from `training`.
    changedBy: (event) => event.source === 'training' || (event.derived?.['model-versions']?.length ?? 0) > 0,
  };
}
