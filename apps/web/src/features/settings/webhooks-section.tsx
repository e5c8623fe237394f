import type { FormEvent } from 'react';
import { WEBHOOK_EVENT_NAMES } from './webhook-events';
import type { WebhookEvent } from '@hub/contracts';
import { formatDateTime } from '../../lib/format';
import { Panel } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { useCreateWebhook, useDeleteWebhook, useWebhooks } from './api/webhooks';

/** Webhooks: list, register (the secret is shown once), delete. */
export function WebhooksSection() {
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const remove = useDeleteWebhook();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ url: String(form.get('url') ?? '').trim(), events: form.getAll('events').map(String) as WebhookEvent[] });
  }

  return (
    <Panel title="Webhooks">
      <form className="stack" onSubmit={submit} aria-label="Register a webhook">
        <label>URL <input name="url" type="url" required placeholder="https://crm.example.com/hooks/hub" /></label>
        <fieldset className="row">
          <legend>Events</legend>
          {WEBHOOK_EVENT_NAMES.map((name) => (
            <label key={name}><input type="checkbox" name="events" value={name} defaultChecked={name === 'job.completed'} /> {name}</label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending}>Register webhook</button>
      </form>
      {create.isError && <p role="alert">Not registered: {create.error.message}</p>}
      {create.data?.secret && <p role="status" className="secret">Signing secret, shown this once: <code>{create.data.secret}</code></p>}
      {remove.isError && <p role="alert">Not deleted: {remove.error.message}</p>}
      <QueryView query={webhooks} what="the webhooks" isEmpty={(list) => list.length === 0} empty={<p>No webhooks registered.</p>}>
        {(list) => (
          <ul className="plain list">
            {list.map((hook) => (
              <li key={hook.id} className="row" data-webhook-id={hook.id}>
                <code>{hook.url}</code>
                <span>{hook.events.join(', ')}</span>
                <small className="muted">since {formatDateTime(hook.createdAt)}</small>
                <button type="button" onClick={() => remove.mutate(hook.id)} aria-label={`Delete webhook ${hook.url}`}>Delete</button>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Panel>
  );
}
