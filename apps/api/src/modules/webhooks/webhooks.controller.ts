import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WebhookDeliveryView, WebhookView } from '@hub/contracts';
import { RequireScope } from '../../core/auth/auth.decorators';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@RequireScope('admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a webhook {url, events, secret?}; the secret is shown in this answer only' })
  create(@Body() body: unknown): Promise<WebhookView> {
    return this.webhooks.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'Registered webhooks' })
  list(): Promise<WebhookView[]> {
    return this.webhooks.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook; deliveries still queued are dropped' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log of a webhook, newest first: each try with its outcome' })
  deliveries(@Param('id') id: string): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveries(id);
  }
}
