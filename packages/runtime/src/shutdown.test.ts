import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.js';
import { ShutdownManager } from './shutdown.js';

const log = createLogger({ service: 'test', level: 'silent' });

describe('ShutdownManager', () => {
  it('runs steps once, in order, and stops accepting first', async () => {
    const order: string[] = [];
    const manager = new ShutdownManager(log, 1000);
    manager.add('http', () => order.push(`http:${manager.isAccepting()}`)).add('db', async () => order.push('db'));
    const [first, second] = await Promise.all([manager.run('SIGTERM'), manager.run('SIGINT')]);
    expect([first, second]).toEqual([true, true]);
    expect(order).toEqual(['http:false', 'db']);
  });

  it('keeps going after a failing step and reports failure', async () => {
    const ran: string[] = [];
    const manager = new ShutdownManager(log, 1000)
      .add('workers', () => {
        throw new Error('worker close failed');
      })
      .add('redis', () => ran.push('redis'));
    expect(await manager.run('SIGTERM')).toBe(false);
    expect(ran).toEqual(['redis']);
  });

  it('gives up at the deadline when a step hangs, and says so', async () => {
    // Fake timers: the deadline fires when the test moves time, never because a loaded
    // machine was slow, and the stuck step can only end through the deadline path.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const lines: Record<string, unknown>[] = [];
      const destination = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
          callback();
        },
      });
      const ran: string[] = [];
      const manager = new ShutdownManager(createLogger({ service: 'test', level: 'info', destination }), 30_000)
        .add('stuck', () => new Promise(() => undefined))
        .add('after', () => ran.push('after'));
      let result: boolean | undefined;
      void manager.run('SIGTERM').then((ok) => (result = ok));
      await vi.advanceTimersByTimeAsync(29_999);
      expect(result).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(result).toBe(false);
      expect(ran).toEqual([]);
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'shutdown did not complete cleanly', deadlineMs: 30_000 }));
    } finally {
      vi.useRealTimers();
    }
  });
});
