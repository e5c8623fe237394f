import type { Request, Response } from 'express';

/**
 * Node ↔ Fetch API glue for the SDK's web-standard Streamable HTTP transport (its public,
 * runtime-neutral class). The hub drives that class directly rather than the SDK's Node wrapper:
 * the wrapper hides it, and a session rebuilt on another instance has to replay its `initialize`
 * through it (see McpLiveSessions). The body is already parsed by Express, so only the method,
 * URL and headers cross over.
 */
export function webRequestOf(request: Request): globalThis.Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (value) for (const each of value) headers.append(name, each);
  }
  return new globalThis.Request(urlOf(request), { method: request.method, headers });
}

function urlOf(request: Request): string {
  try {
    return new URL(request.originalUrl, `${request.protocol}://${request.headers.host ?? 'localhost'}`).href;
  } catch {
    // The transport only reports the URL to handlers; an odd Host (allowed by `*`) must not fail the call.
    return `http://localhost${request.originalUrl.startsWith('/') ? request.originalUrl : '/mcp'}`;
  }
}

/**
 * Writes the transport's answer to the Node response: status, headers (merged with those already
 * set, e.g. rate limits and CORS), then the body as it streams (SSE events of progress, logs and
 * the result). A client that goes away cancels the stream, which releases it in the transport.
 */
export async function sendWebResponse(answer: globalThis.Response, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  response.writeHead(answer.status, headers);
  if (!answer.body) {
    response.end();
    return;
  }
  const reader = answer.body.getReader();
  response.once('close', () => {
    if (!response.writableFinished) reader.cancel().catch(() => undefined);
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Held until the next tick: a tool's result event and the stream's end (which the transport
      // sends at once) then leave in one write, not two; progress events still go out as they come.
      response.cork();
      response.write(value);
      process.nextTick(() => response.uncork());
    }
  } finally {
    response.end();
  }
}
