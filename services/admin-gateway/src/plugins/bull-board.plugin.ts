import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { Database, Kysely } from '@platform/db';
import { queueNames } from '@platform/queues';
import type { Queues } from '../jobs.js';
import { auditAdmin } from './audit.js';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over every catalog queue. It sits behind the app-wide auth hook
 * like any route: browsers authenticate with the HttpOnly token cookie set at
 * login, `viewer` may look, and only `admin` may retry, promote or clean jobs
 * (each such call is audited).
 */
export async function registerBullBoard(app: FastifyInstance, queues: Queues, db: Kysely<Database>): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: queueNames.map((name) => new BullMQAdapter(queues.producer.queue(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Platform queues' } },
  });
  await app.register(async (scope) => {
    scope.addHook('onResponse', async (request, reply) => {
      if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 400 || !request.admin) return;
      await auditAdmin(db, request, {
        action: `bull-board.${request.method.toLowerCase()}`,
        targetType: 'queue',
        targetId: request.url.slice(0, 200),
      });
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: BULL_BOARD_PATH });
  });
}
