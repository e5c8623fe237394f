import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

export const EMBED_PANEL_PATH = '/embed/chat';

/**
 * Serves the chat panel's page at /embed/chat (its script and styles are the dashboard's static
 * assets, and /embed.js is a public file beside them). Mounted before the dashboard's fallback, so
 * /embed/* never gets the dashboard. The page carries no data: the panel fetches it with the token
 * it finds in its fragment, which never reaches the server.
 */
export function mountEmbedPanel(app: NestExpressApplication, webDist: string): void {
  const page = join(webDist, 'embed.html');
  if (!existsSync(page)) return;
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path.replace(/\/$/, '') !== EMBED_PANEL_PATH) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.sendFile(page);
  });
}
