import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKeySummary, CreateApiKeyRequest, CreatedApiKey } from '@hub/contracts';
import { apiFetch } from '../../../lib/http';
import { useSession } from '../../../lib/session';

const KEYS = ['api-keys'] as const;

export function useApiKeys() {
  const { apiKey } = useSession();
  return useQuery({ queryKey: KEYS, queryFn: () => apiFetch<ApiKeySummary[]>(apiKey, '/api/keys') });
}

export function useCreateApiKey() {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApiKeyRequest) => apiFetch<CreatedApiKey>(apiKey, '/api/keys', { method: 'POST', body: request }),
    onSettled: () => client.invalidateQueries({ queryKey: KEYS }),
  });
}

export function useRevokeApiKey() {
  const { apiKey } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<ApiKeySummary>(apiKey, `/api/keys/${id}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: KEYS }),
  });
}
