import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** A request to `/mcp` as the hub serves it: Node's own, with the JSON body parsed ahead of the handler. */
export type McpHttpRequest = IncomingMessage & { body?: unknown };

/**
 * Node ↔ Fetch API glue for the SDK's web-standard Streamable HTTP transport (its public,
 * runtime-neutral class). The hub drives that class directly rather than the SDK's Node wrapper:
 * the wrapper hides it, and a session rebuilt on another instance has to replay its `initialize`
 * through it (see McpLiveSessions). The body arrives parsed (`parsedBody`), so the transport reads
 * only the method, the URL and the headers: it gets just those, as a Request-shaped view. A real
 * Fetch `Request` would also build an AbortSignal and run every header through WebIDL checks, a
 * visible share of the hub's CPU per tool call; the MCP specs and the conformance suite hold the
 * transport to this view.
 */
export function webRequestOf(request: McpHttpRequest): globalThis.Request {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const view: Pick<globalThis.Request, 'method' | 'url' | 'headers'> = { method: request.method ?? 'GET', url: urlOf(request), headers };
  return view as globalThis.Request;
}

/** `http` or `https`, as the connection came in (the hub does not trust forwarded headers). */
export function protocolOf(request: IncomingMessage): 'http' | 'https' {
  return (request.socket as TLSSocket).encrypted ? 'https' : 'http';
}

function urlOf(request: McpHttpRequest): string {
  const path = request.url ?? '/mcp';
  try {
    return new URL(path, `${protocolOf(request)}://${request.headers.host ?? 'localhost'}`).href;
  } catch {
    // The transport only reports the URL to handlers; an odd Host (allowed by `*`) must not fail the call.
    return `http://localhost${path.startsWith('/') ? path : '/mcp'}`;
  }
}

/**
 * Writes the transport's answer to the Node response: status, headers (merged with those already
 * set, e.g. rate limits and CORS), then the body as it streams (SSE events of progress, logs and
 * the result). A client that goes away cancels the stream, which releases it in the transport.
 */
export async function sendWebResponse(answer: globalThis.Response, response: ServerResponse): Promise<void> {
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
