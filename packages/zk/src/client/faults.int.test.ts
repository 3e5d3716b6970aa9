import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { startEmulator, type ZkEmulator } from '../emulator/emulator.js';
import { generateLogs, generateUsers } from '../emulator/seed.js';
import { Cmd } from '../protocol/commands.js';
import { DeviceClient } from './device-client.js';
import { CircuitOpenError, DeviceTimeoutError, DeviceUnreachableError, IncompleteReadError } from './errors.js';
import type { BreakerState } from './resilience.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
beforeEach(async () => {
  await emu.faults.reset();
  emu.replyForm = 'chunked';
});

// Timeouts are generous unless a test is about them: a loaded box can stall the event loop
// past a short one mid-transfer, and after a stall Node runs expired timers before socket reads.
const client = (failureThreshold = 5, cooldownMs = 600_000, commandTimeoutMs = 10_000) =>
  new DeviceClient({
    deviceId: 'ai06-faults',
    host: '127.0.0.1',
    port: emu.port,
    timezone: 'UTC',
    commandTimeoutMs,
    connectTimeoutMs: 10_000,
    resilience: { attempts: 1, failureThreshold, cooldownMs },
  });
// For the timeout tests: the delayed reply (400 ms) and the client's 150 ms timer live in this
// one process, so the client's timer always expires first, however slowly the box runs.
const impatient = () => client(5, 600_000, 150);

describe.each(['single', 'chunked'] as const)('a truncated bulk reply (%s form)', (form) => {
  test('is an IncompleteReadError for users and for attendance', async () => {
    emu.replyForm = form;
    const users = generateUsers(1000);
    emu.state.replace(users, generateLogs(2000, users));
    emu.faults.truncateNextBulk();
    await expect(client().getUsers()).rejects.toMatchObject({ name: 'IncompleteReadError', expected: 1000, received: 500 });
    emu.faults.truncateNextBulk();
    await expect(client().getAttendances()).rejects.toMatchObject({ name: 'IncompleteReadError', expected: 2000, received: 1000 });
    // Nothing is armed any more: the same client reads everything.
    await expect(client().getUsers()).resolves.toHaveLength(1000);
  });
});

test('delayed replies are DeviceTimeoutError', async () => {
  emu.state.replace(generateUsers(3), []);
  emu.faults.delayReplies(400);
  await expect(impatient().getInfo()).rejects.toBeInstanceOf(DeviceTimeoutError);
});

test('a bulk request that times out is a DeviceTimeoutError, not a crash (node-zklib issue #23)', async () => {
  emu.state.replace(generateUsers(3), []);
  emu.faults.delayReplies(400, Cmd.DATA_WRRQ);
  await expect(impatient().getUsers()).rejects.toBeInstanceOf(DeviceTimeoutError);
  // node-zklib's stray TypeError fires after its own timeout; give it time to surface.
  await new Promise((r) => setTimeout(r, 500));
});

test('a drop while reading attendance is an IncompleteReadError', async () => {
  const users = generateUsers(10);
  emu.state.replace(users, generateLogs(5000, users));
  emu.faults.dropAfterBytes(100_000);
  const err = await client().getAttendances().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(IncompleteReadError);
  expect(err).toMatchObject({ expected: 5000 });
});

test('the breaker opens after the configured failures and closes after its cool-down', async () => {
  // Only Date is faked (cockatiel and CircuitOpenError.until read it): the cool-down ends when
  // the test moves the clock, not when a loaded box happens to be slow. Sockets and their
  // timeouts run on real timers. The cool-down is the production 10 minutes.
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    emu.state.replace(generateUsers(4), []);
    const c = client(3, 600_000);
    const states: BreakerState[] = [];
    c.onBreakerStateChange((s) => states.push(s));
    await emu.faults.refuseConnections(true);
    for (let i = 0; i < 3; i++) await expect(c.getInfo()).rejects.toBeInstanceOf(DeviceUnreachableError);
    expect(c.breakerState).toBe('open');
    await emu.faults.refuseConnections(false);
    const open = await c.getUsers().catch((e: unknown) => e);
    expect(open).toBeInstanceOf(CircuitOpenError);
    const until = (open as CircuitOpenError).until.getTime();
    expect(until).toBe(Date.now() + 600_000);
    vi.setSystemTime(until - 1);
    await expect(c.getUsers()).rejects.toBeInstanceOf(CircuitOpenError);
    vi.setSystemTime(until);
    await expect(c.getUsers()).resolves.toHaveLength(4);
    expect(c.breakerState).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  } finally {
    vi.useRealTimers();
  }
});
