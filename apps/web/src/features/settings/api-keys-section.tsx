import type { FormEvent } from 'react';
import type { ApiScope } from '@hub/contracts';
import { formatDateTime } from '../../lib/format';
import { Panel } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './api/api-keys';

const SCOPES: ApiScope[] = ['read', 'write', 'admin'];

/** API keys: list, create (the key is shown once), revoke. */
export function ApiKeysSection() {
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get('name') ?? '').trim(), scopes: [String(form.get('scope')) as ApiScope] });
  }

  return (
    <Panel title="API keys">
      <form className="row" onSubmit={submit} aria-label="Create an API key">
        <label>Name <input name="name" required maxLength={100} placeholder="CRM sync" /></label>
        <label>Scope
          <select name="scope" defaultValue="read">{SCOPES.map((scope) => <option key={scope}>{scope}</option>)}</select>
        </label>
        <button type="submit" disabled={create.isPending}>Create key</button>
      </form>
      {create.isError && <p role="alert">Not created: {create.error.message}</p>}
      {create.data && (
        <p role="status" className="secret">
          Key for {create.data.name}, shown this once: <code data-testid="new-key">{create.data.key}</code>
        </p>
      )}
      {revoke.isError && <p role="alert">Not revoked: {revoke.error.message}</p>}
      <QueryView query={keys} what="the API keys" isEmpty={(list) => list.length === 0} empty={<p>No keys yet (the environment&apos;s admin key is not listed).</p>}>
        {(list) => (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">API keys</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Key</th><th scope="col">Scopes</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th></tr></thead>
              <tbody>
                {list.map((key) => (
                  <tr key={key.id} data-key-id={key.id}>
                    <td>{key.name}</td>
                    <td><code>shk_{key.prefix}_…</code></td>
                    <td>{key.scopes.join(', ')}</td>
                    <td>{formatDateTime(key.createdAt)}</td>
                    <td>{formatDateTime(key.lastUsedAt)}</td>
                    <td>
                      {key.revokedAt ? `revoked ${formatDateTime(key.revokedAt)}` : (
                        <button type="button" onClick={() => revoke.mutate(key.id)} aria-label={`Revoke key ${key.name}`}>Revoke</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </Panel>
  );
}
