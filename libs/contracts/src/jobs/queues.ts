/** Every BullMQ queue of the hub, in one place. Features add theirs here. */
export const QUEUES = {
  imports: 'hub-imports',
  training: 'hub-training',
  scoring: 'hub-scoring',
  webhooks: 'hub-webhooks',
  maintenance: 'hub-maintenance',
  /** Deal-win training and forecast recomputes (one handler dispatches both by job name). */
  forecasting: 'hub-forecasting',
} as const;

export type QueueKey = keyof typeof QUEUES;
export type QueueName = (typeof QUEUES)[QueueKey];

export const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];

/** `ImportBundleJob`: a bundle spooled into the store by the API, imported by a worker. */
export interface ImportBundleJobData {
  uploadId: string;
  bytes: number;
  requestedBy: string;
}
