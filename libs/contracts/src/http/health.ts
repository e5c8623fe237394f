export type ComponentStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: { status: ComponentStatus; kind: 'postgres' | 'embedded'; schema: string; error?: string };
}
