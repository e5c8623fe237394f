import type { ApiScope, CreatedApiKey } from '@hub/contracts';
import { readJson, type TestApp } from './test-app';

/** Creates a key through the REST API as the test admin, as an operator would. */
export async function createApiKey(hub: TestApp, scopes: ApiScope[], name = `key ${scopes.join('+')}`): Promise<CreatedApiKey> {
  const response = await fetch(`${hub.url}/api/keys`, {
    method: 'POST',
    headers: { ...hub.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name, scopes }),
  });
  if (response.status !== 201) throw new Error(`creating a key answered ${response.status}: ${await response.text()}`);
  return readJson(response);
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
