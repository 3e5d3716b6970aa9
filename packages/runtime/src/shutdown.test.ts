import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
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

  it('gives up at the deadline when a step hangs', async () => {
    const manager = new ShutdownManager(log, 50).add('stuck', () => sleep(5_000));
    const started = performance.now();
    expect(await manager.run('SIGTERM')).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
