import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhookRequest, WebhookView } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

const WEBHOOKS = ['webhooks'] as const;

export function useWebhooks() {
  const { apiKey } = useSession();
  return useQuery({ queryKey: WEBHOOKS, queryFn: () => apiFetch<WebhookView[]>(apiKey, '/api/webhooks') });
}

export function useCreateWebhook() {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateWebhookRequest) => apiFetch<WebhookView>(apiKey, '/api/webhooks', { method: 'POST', body: request }),
    onSettled: () => client.invalidateQueries({ queryKey: WEBHOOKS }),
  });
}

export function useDeleteWebhook() {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(apiKey, `/api/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: WEBHOOKS }),
  });
}
