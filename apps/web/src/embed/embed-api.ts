import type { EmbedAnswerChunk, EmbedContext, ProblemDetails, RecordRef } from '@hub/contracts';

/** A refusal of the hub: `expired` for any 401 (the token is spent, forged or its key revoked). */
export class EmbedApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }

  get expired(): boolean {
    return this.status === 401;
  }
}

const recordQuery = (record: RecordRef) => `${record.type}_id=${record.id}`;

async function refusal(response: Response): Promise<EmbedApiError> {
  let detail = `The hub answered ${response.status}.`;
  try {
    detail = ((await response.json()) as ProblemDetails).detail ?? detail;
  } catch {
    // Not a problem document (a proxy's page): keep the status line.
  }
  return new EmbedApiError(response.status, detail);
}

export async function fetchContext(record: RecordRef, token: string, signal?: AbortSignal): Promise<EmbedContext> {
  const response = await fetch(`/api/embed/context?${recordQuery(record)}`, { headers: { authorization: `Bearer ${token}` }, signal });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as EmbedContext;
}

/** Asks a question and hands each chunk of the NDJSON answer to `onChunk` as it arrives. */
export async function askQuestion(record: RecordRef, token: string, question: string, onChunk: (chunk: EmbedAnswerChunk) => void): Promise<void> {
  const response = await fetch('/api/embed/ask', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ question, [`${record.type}_id`]: record.id }),
  });
  if (!response.ok || !response.body) throw await refusal(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onChunk(JSON.parse(line) as EmbedAnswerChunk);
  }
  if (buffered.trim()) onChunk(JSON.parse(buffered) as EmbedAnswerChunk);
}
