export type ComponentStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: { status: ComponentStatus; kind: 'postgres' | 'embedded'; schema: string; error?: string };
  /** Jobs need Redis; without it the API still serves reads and answers job submissions with 503. */
  redis: { status: ComponentStatus };
  /** Worker processes connected to the job queues right now. */
  workers: { count: number };
}
