import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
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

export const WEB_DIST = resolve(__dirname, '../../../../dist/apps/web');

/** Builds the HTTP app (not yet listening): REST under /api, OpenAPI at /api/docs, the dashboard at /. */
export async function createHubApp(config: HubConfig, handle: DatabaseHandle, dataSource: DataSource): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, handle, dataSource), {
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
    // The dashboard routes in the browser: any other GET outside the API gets its page.
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' || request.path.startsWith('/api') || request.path === '/health') return next();
      response.sendFile(join(WEB_DIST, 'index.html'));
    });
  } else {
    new Logger('Hub').warn(`No built dashboard in ${WEB_DIST}; run "npm run build:web" to serve it.`);
  }
  return app;
}

function levelsFrom(level: HubConfig['logLevel']) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}
