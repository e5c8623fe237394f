import type { ProblemDetails } from '@hub/contracts';

/** A refused or failed API call, carrying the hub's problem document when it sent one. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly problem?: ProblemDetails) {
    super(message);
  }
}

/** Calls the hub's REST API with the session's key; answers parsed JSON, throws ApiError. */
export async function apiFetch<T>(apiKey: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...init.headers };
  let body: BodyInit | undefined;
  if (init.body instanceof Blob) body = init.body;
  else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? 'GET', headers, body });
  } catch (error) {
    throw new ApiError(0, `The hub does not answer (${(error as Error).message}).`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const problem = parsed as ProblemDetails | undefined;
    throw new ApiError(response.status, problem?.detail ?? problem?.title ?? `HTTP ${response.status}`, problem);
  }
  return parsed as T;
}

/** Query-string from the defined values only. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
