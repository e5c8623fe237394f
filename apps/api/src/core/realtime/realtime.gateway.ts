import { Inject, Logger, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayConnection, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { QUEUE_NAMES, type QueueName, REALTIME_NAMESPACE, type RealtimeClientEvents, type RealtimeServerEvents } from '@hub/contracts';
import { QueueEvents } from 'bullmq';
import type { Namespace, Socket } from 'socket.io';
import { HUB_CONFIG, type HubConfig } from '../config/hub-config';
import { isCancellation } from '../queue/job-cancellation';
import { JobsService } from '../queue/jobs.service';
import { redisOptions } from '../queue/redis-options';

/** Who a socket belongs to, as established at its handshake. */
export interface RealtimeIdentity {
  keyId: string;
  admin: boolean;
}

/** Checks a handshake's credentials; provided by the auth module (null: refuse the socket). */
export const REALTIME_AUTHENTICATOR = Symbol('REALTIME_AUTHENTICATOR');
export type RealtimeAuthenticator = (token: string | undefined) => Promise<RealtimeIdentity | null>;

type HubNamespace = Namespace<RealtimeClientEvents, RealtimeServerEvents>;

/**
 * Socket.IO on the API's port, namespace /realtime: it only emits job events, into rooms per job
 * (`job:<id>`), per key (`key:<id>`, the jobs a key started) and for admins (every job). Each API
 * instance listens to BullMQ's QueueEvents itself and emits to its own sockets only (`local`), so
 * with several instances every client still gets every event exactly once.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE, cors: { origin: true, credentials: true } })
export class RealtimeGateway implements OnGatewayConnection, OnModuleInit, OnModuleDestroy {
  @WebSocketServer() private readonly server!: HubNamespace;
  private readonly logger = new Logger('Realtime');
  private readonly listeners: QueueEvents[] = [];

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly jobs: JobsService,
    @Optional() @Inject(REALTIME_AUTHENTICATOR) private readonly authenticate?: RealtimeAuthenticator,
  ) {}

  async handleConnection(socket: Socket): Promise<void> {
    const header = socket.handshake.headers.authorization;
    const token = (socket.handshake.auth?.['token'] as string | undefined) ?? (header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    const identity = this.authenticate ? await this.authenticate(token) : { keyId: 'anonymous', admin: true };
    if (!identity) {
      socket.emit('error' as never, { status: 401, detail: 'A valid API key is required (auth.token or Authorization: Bearer).' } as never);
      socket.disconnect(true);
      return;
    }
    socket.data = identity;
    await socket.join(`key:${identity.keyId}`);
    if (identity.admin) await socket.join('admins');
  }

  @SubscribeMessage('job.follow')
  async follow(@ConnectedSocket() socket: Socket, @MessageBody() jobId: unknown): Promise<{ ok: boolean }> {
    if (typeof jobId !== 'string' || jobId.length > 200) return { ok: false };
    await socket.join(`job:${jobId}`);
    return { ok: true };
  }

  onModuleInit(): void {
    for (const queue of QUEUE_NAMES) {
      const events = new QueueEvents(queue, { connection: redisOptions(this.config.redis.url, 'worker'), prefix: this.config.redis.prefix });
      events.on('error', () => undefined); // Redis away: QueueEvents reconnects by itself
      events.on('progress', ({ jobId, data }) => void this.emit(queue, jobId, 'job.progress', { jobId, queue, progress: data as never }));
      events.on('completed', ({ jobId, returnvalue }) => void this.emit(queue, jobId, 'job.completed', { jobId, queue, result: returnvalue }));
      events.on('failed', ({ jobId, failedReason }) => void this.jobs.endedCancelled(jobId, failedReason).catch(() => isCancellation(failedReason))
        .then((cancelled) => this.emit(queue, jobId, 'job.failed', { jobId, queue, error: failedReason, cancelled })));
      this.listeners.push(events);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.listeners.map((events) => events.close().catch(() => undefined)));
  }

  private async emit<E extends keyof RealtimeServerEvents>(queue: QueueName, jobId: string, event: E, payload: Parameters<RealtimeServerEvents[E]>[0]): Promise<void> {
    let requestedBy: string | undefined;
    try {
      requestedBy = ((await this.jobs.queue(queue).getJob(jobId))?.data as { requestedBy?: string } | undefined)?.requestedBy;
    } catch (error) {
      this.logger.debug(`job ${jobId}: ${(error as Error).message}`);
    }
    const rooms = [`job:${jobId}`, 'admins', ...(requestedBy ? [`key:${requestedBy}`] : [])];
    (this.server.local.to(rooms) as unknown as { emit: (name: string, body: unknown) => void }).emit(event, payload);
  }
}
