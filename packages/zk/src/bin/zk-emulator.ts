#!/usr/bin/env -S npx tsx
// zk-emulator: a ZK-protocol device on a TCP port, for `pnpm dev`, benchmarks and manual tests.
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/emulator.js';
import { generateLogs, generateUsers } from '../emulator/seed.js';
import { readSeedFile } from '../emulator/seed-file.js';
import { onStopSignal } from '@platform/runtime';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4370' },
    host: { type: 'string', default: '0.0.0.0' },
    users: { type: 'string', default: '500' },
    logs: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
    'seed-file': { type: 'string' },
    'reply-form': { type: 'string', default: 'chunked' },
    // 20 ms between chunk packets is what a client in another process needs (README).
    'pacing-ms': { type: 'string', default: '20' },
    timezone: { type: 'string', default: 'UTC' },
    // A device with a comm key refuses every command until CMD_AUTH proves it.
    'comm-key': { type: 'string' },
  },
});

const int = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${v}"`);
  return n;
};

const form = values['reply-form'];
if (form !== 'single' && form !== 'chunked') throw new Error(`--reply-form must be "single" or "chunked", got "${form}"`);
const seeded = values['seed-file']
  ? await readSeedFile(values['seed-file'])
  : (() => {
      const users = generateUsers(int('users', values.users), int('seed', values.seed));
      return { users, logs: generateLogs(int('logs', values.logs), users, int('seed', values.seed)) };
    })();

const emu = await startEmulator({
  port: int('port', values.port),
  host: values.host,
  users: seeded.users,
  logs: seeded.logs,
  replyForm: form,
  pacingMs: int('pacing-ms', values['pacing-ms']),
  timezone: values.timezone,
  commKey: values['comm-key'] === undefined ? null : int('comm-key', values['comm-key']),
});
console.log(`zk-emulator listening on ${emu.host}:${emu.port} (${emu.state.userCount} users, ${emu.state.logCount} logs, ${emu.replyForm} replies, tz ${emu.timezone}${emu.commKey === null ? '' : ', comm key set'})`);
onStopSignal(() => void emu.close().then(() => process.exit(0)));
