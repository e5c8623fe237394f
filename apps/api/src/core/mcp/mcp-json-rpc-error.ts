import type { Response } from 'express';

/** An HTTP-level refusal in JSON-RPC form, as MCP clients expect it. */
export function jsonRpcError(response: Response, status: number, code: number, message: string): void {
  response.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null });
}
