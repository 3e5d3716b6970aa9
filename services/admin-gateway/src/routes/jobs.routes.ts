import { z } from 'zod';
import { queueNames } from '@platform/queues';
import { notFound, QueueUnavailableError } from '../errors.js';
import { problems } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const jobStatus = z.object({
  queue: z.enum(queueNames),
  jobId: z.string(),
  name: z.string(),
  state: z.string().describe('waiting, delayed, active, completed, failed, ...'),
  progress: z.unknown().describe('what the worker last reported (a percentage or an object)'),
  result: z.unknown().describe('the return value once completed'),
  failedReason: z.string().nullable(),
  attemptsMade: z.int(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

/** The status URL every 202 points at: state, progress and result of one job. */
export const jobRoutes: RouteGroup = {
  name: 'jobs',
  register(app, { queues }) {
    app.get(
      '/api/jobs/:queue/:jobId',
      {
        schema: {
          tags: ['jobs'],
          summary: 'Progress and result of an enqueued job',
          params: z.object({ queue: z.enum(queueNames), jobId: z.string().min(1).max(200) }),
          response: { 200: jobStatus, ...problems(400, 401, 404, 503) },
        },
      },
      async (request) => {
        const { queue, jobId } = request.params;
        if (queues.connection.status !== 'ready') throw new QueueUnavailableError(queue, new Error(queues.connection.status));
        let job;
        try {
          job = await queues.producer.queue(queue).getJob(jobId);
        } catch (error) {
          throw new QueueUnavailableError(queue, error);
        }
        if (!job) throw notFound(`no job ${jobId} in queue ${queue} (never enqueued, or evicted by retention)`);
        // Payloads stay out: a write-user command carries the device PIN.
        return {
          queue,
          jobId,
          name: job.name,
          state: await job.getState(),
          progress: job.progress,
          result: job.returnvalue ?? null,
          failedReason: job.failedReason || null,
          attemptsMade: job.attemptsMade,
          createdAt: new Date(job.timestamp).toISOString(),
          finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        };
      },
    );
  },
};
