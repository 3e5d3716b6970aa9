import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, type RedisClient } from '@platform/runtime';
import { scanKeys, startRedisCluster, type RedisCluster } from '@platform/testkit';
import { silentLog, until } from './int-helpers.fixture.js';
import { samples } from './payload-samples.fixture.js';
import { createProducer } from './producer.js';
import { createWorker } from './worker.js';

// A throw-away 3-master cluster of our own (never the shared 6379), whatever
// TEST_REDIS_URL says; `.ci/run` also runs this whole project on one.
let cluster: RedisCluster;
let redis: RedisClient;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
  redis = createRedis(cluster.url, 'worker');
});

afterAll(async () => {
  redis?.disconnect();
  await cluster?.stop();
});

describe('queues on Redis Cluster', () => {
  it('runs jobs through a hash-tagged prefix, every queue key in the one slot of the tag', async () => {
    const prefix = '{cluster-test}';
    const calls: unknown[] = [];
    const producer = createProducer({ connection: redis, prefix });
    const worker = createWorker(
      'device-commands',
      {
        'delete-user': async (payload) => void calls.push(payload),
        'write-user': async (payload) => void calls.push(payload),
      },
      { connection: redis, prefix, log: silentLog },
    );
    try {
      const added = await producer.enqueue('device-commands', 'delete-user', samples['device-commands']['delete-user']);
      await until(async () => ((await producer.queue('device-commands').getJob(added.id))?.finishedOn ? true : undefined), 60_000);
      expect(calls).toEqual([samples['device-commands']['delete-user']]);
      const keys = await scanKeys(redis, `${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      const slots = new Set(await Promise.all(keys.map((key) => redis.cluster('KEYSLOT', key))));
      expect([...slots]).toEqual([await redis.cluster('KEYSLOT', 'cluster-test')]);
    } finally {
      await worker.close();
      await producer.close();
    }
  });

  it('refuses a prefix without a hash tag before touching the cluster', () => {
    expect(() => createProducer({ connection: redis, prefix: 'plain' })).toThrowError(/no \{hash tag\}/);
    expect(() =>
      createWorker('device-commands', { 'delete-user': async () => undefined, 'write-user': async () => undefined }, { connection: redis, prefix: 'plain', log: silentLog }),
    ).toThrowError(/no \{hash tag\}/);
  });
});
