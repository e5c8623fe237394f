import type { QueueName } from './queues';

export type JobState = 'waiting' | 'active' | 'completed' | 'failed' | 'cancelled' | 'delayed' | 'unknown';

export interface JobProgress {
  percent: number;
  message: string;
}

/** A job as the API and the dashboard show it. */
export interface JobView {
  id: string;
  queue: QueueName;
  name: string;
  state: JobState;
  progress: JobProgress;
  attempts: number;
  result?: unknown;
  error?: string;
  requestedBy?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface JobList {
  items: JobView[];
}

/** Events on the Socket.IO namespace `/realtime`, server to client. */
export interface RealtimeServerEvents {
  'job.progress': (event: { jobId: string; queue: QueueName; progress: JobProgress }) => void;
  'job.completed': (event: { jobId: string; queue: QueueName; result: unknown }) => void;
  'job.failed': (event: { jobId: string; queue: QueueName; error: string; cancelled: boolean }) => void;
}

/** Client to server: follow one job's events (a client also gets those of the jobs it started). */
export interface RealtimeClientEvents {
  'job.follow': (jobId: string) => void;
}

export const REALTIME_NAMESPACE = '/realtime';
