// Download time of users and attendance from the ZK emulator: bare node-zklib
// (the raw limit) against our DeviceClient, in both reply forms.
import ZKLib from 'node-zklib';
import { DeviceClient, generateLogs, generateUsers, startEmulator, type ReplyForm } from '@platform/zk';

// node-zklib prints "ok tcp" on every connect; keep the table readable.
const log = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (args[0] !== 'ok tcp') log(...args);
};

type Kind = 'users' | 'logs';
const CASES: Array<{ kind: Kind; count: number }> = [
  { kind: 'users', count: 1_000 },
  { kind: 'users', count: 10_000 },
  { kind: 'logs', count: 10_000 },
  { kind: 'logs', count: 100_000 },
];
const FORMS: ReplyForm[] = ['single', 'chunked'];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function best(fn: () => Promise<number>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const n = await fn();
    min = Math.min(min, performance.now() - t);
    if (n < 0) throw new Error('unreachable');
  }
  return min;
}

const rows: string[][] = [['case', 'form', 'records', 'raw ms', 'raw rec/s', 'client ms', 'client rec/s', 'client/raw']];
for (const form of FORMS) {
  for (const { kind, count } of CASES) {
    const users = generateUsers(kind === 'users' ? count : 200, 1);
    const logs = kind === 'logs' ? generateLogs(count, users, 1) : [];
    // In-process emulator: pacing 0 is exact here and measures the client, not a sleep.
    const emu = await startEmulator({ users, logs, replyForm: form, pacingMs: 0 });
    const raw = await best(async () => {
      const zk = new ZKLib('127.0.0.1', emu.port, 10_000, 0);
      await zk.createSocket();
      const res = kind === 'users' ? await zk.getUsers() : await zk.getAttendances();
      await zk.disconnect();
      if (res.err || res.data.length !== count) throw new Error(`raw ${kind} read ${res.data.length}/${count}: ${res.err?.message}`);
      return res.data.length;
    });
    const client = new DeviceClient({ deviceId: 'bench', host: '127.0.0.1', port: emu.port, timezone: 'UTC' });
    const ours = await best(async () => (kind === 'users' ? await client.getUsers() : await client.getAttendances()).length);
    await emu.close();
    const rate = (ms: number) => Math.round((count / ms) * 1000).toLocaleString('en-US');
    rows.push([`${kind} ${count / 1000}k`, form, String(count), raw.toFixed(0), rate(raw), ours.toFixed(0), rate(ours), (ours / raw).toFixed(2)]);
  }
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
