import { grantsScope, type JobView } from '@hub/contracts';
import { z } from 'zod';
import { defineMcpTool, type HubMcpTool, McpToolError, READ_ONLY_LOOKUP } from '../../core/mcp/mcp-tool';
import { HubProblem } from '../../core/http/problem-details.filter';
import type { JobsService } from '../../core/queue/jobs.service';

const jobView = z.object({
  id: z.string(), queue: z.string(), name: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed', 'cancelled', 'delayed', 'unknown']),
  progress: z.object({ percent: z.number(), message: z.string() }), attempts: z.number(),
  result: z.unknown().optional(), error: z.string().optional(), requestedBy: z.string().optional(),
  createdAt: z.string(), startedAt: z.string().optional(), finishedAt: z.string().optional(),
});

/** `get_job`: a background job's state, as `GET /api/jobs/:id` shows it (a key sees its own jobs). */
export function jobTools(jobs: JobsService): HubMcpTool[] {
  const getJob = defineMcpTool({
    name: 'get_job',
    title: 'Get a background job',
    description: 'The state of a background job (an import, a model training…): waiting, active with progress, completed with its result, failed or cancelled with the reason. Use it to follow a job another tool started; poll no more than every few seconds.',
    scope: 'read',
    annotations: READ_ONLY_LOOKUP,
    inputSchema: z.object({ id: z.string().min(1).max(100).describe('The job id a tool or the REST API returned.') }),
    outputSchema: z.object({ job: jobView }),
    async handler({ id }, { principal }) {
      const missing = new McpToolError(`No job ${id} exists (finished jobs are kept for 7 days, failed ones for 30). Check the id.`);
      let job: JobView;
      try {
        job = await jobs.get(id);
      } catch (error) {
        if (error instanceof HubProblem && error.status === 404) throw missing;
        if (error instanceof HubProblem) throw new McpToolError(`${error.message} Try again later.`);
        throw error;
      }
      // Someone else's job is answered exactly like a missing one, as over REST.
      if (!grantsScope(principal.scopes, 'admin') && job.requestedBy !== principal.keyId) throw missing;
      const text = `Job ${job.id} (${job.queue}/${job.name}): ${job.state}, ${job.progress.percent}%${job.progress.message ? ` (${job.progress.message})` : ''}${job.error ? `; error: ${job.error}` : ''}${job.result !== undefined ? `; result: ${JSON.stringify(job.result).slice(0, 2000)}` : ''}`;
      return { structured: { job }, text };
    },
  });
  return [getJob] as unknown as HubMcpTool[];
}
