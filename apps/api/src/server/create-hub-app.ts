import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import type { HubConfig } from '../core/config/hub-config';
import type { DatabaseHandle } from '../core/database/database-connection';
import { ProblemDetailsFilter } from '../core/http/problem-details.filter';
import { API_KEY_SCHEME } from '../core/auth/auth.decorators';
import { HUB_VERSION } from '../core/hub-version';
import { RedisIoAdapter } from '../core/realtime/redis-io.adapter';
import { McpHttpEndpoint } from '../core/mcp/mcp-http.endpoint';
import { mountEmbedPanel } from '../modules/embed/embed-panel.route';

export const WEB_DIST = resolve(__dirname, '../../../../dist/apps/web');

/** Builds the HTTP app (not yet listening): REST under /api, OpenAPI at /api/docs, the dashboard at /. */
export async function createHubApp(config: HubConfig, handle: DatabaseHandle, dataSource: DataSource, extraModules: Type[] = []): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, handle, dataSource, extraModules), {
    logger: levelsFrom(config.logLevel),
    bufferLogs: false,
  });
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useWebSocketAdapter(new RedisIoAdapter(app, config.redis.url));
  // MCP (Streamable HTTP at /mcp) and its RFC 9728 metadata, outside /api and before the dashboard.
  app.get(McpHttpEndpoint).mount(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Syntroph Intelligence Hub')
      .setDescription('REST API of the hub: CRM data in and out, and (as they land) its intelligence.')
      .setVersion(HUB_VERSION)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: shk_<prefix>_<secret>' }, API_KEY_SCHEME)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/json' });

  if (existsSync(join(WEB_DIST, 'index.html'))) {
    app.useStaticAssets(WEB_DIST, { index: false });
    mountEmbedPanel(app, WEB_DIST);
    // The dashboard routes in the browser: any other GET outside the API gets its page.
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' || !isDashboardRoute(request.path)) return next();
      response.sendFile(join(WEB_DIST, 'index.html'));
    });
  } else {
    new Logger('Hub').warn(`No built dashboard in ${WEB_DIST}; run "npm run build:web" to serve it.`);
  }
  return app;
}

/**
 * A client-side route of the dashboard: not the API, MCP, sockets, the embedded panel or health,
 * and not a file (a missing `/assets/x.js` must answer 404, not the page).
 */
export function isDashboardRoute(path: string): boolean {
  if (/^\/(api|mcp|realtime|socket\.io|embed|health|\.well-known)(\/|$)/.test(path)) return false;
  return !/\.[A-Za-z0-9]+$/.test(path);
}

function levelsFrom(level: HubConfig['logLevel']) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}
