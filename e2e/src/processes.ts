import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Spawned {
  child: ChildProcess;
  output: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Runs `node --import tsx <script>` from the repository root, capturing output. */
/** `group: true` starts it in a process group of its own, so a test can signal the group like a terminal does. */
export function spawnTs(script: string, env: Record<string, string>, cwd = REPO_ROOT, { group = false } = {}): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: path.resolve(REPO_ROOT, cwd),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => out + err, stderr: () => err, exit };
}

/**
 * A TCP port nobody listens on right now, for a child process to bind.
 *
 * Drawn below Linux's ephemeral range (32768-60999) rather than with listen(0):
 * a port from that range is also what every outgoing connection on the box
 * (PostgreSQL, Redis, HTTP clients of the tests running beside this one) takes
 * for its local side, so between our check and the child's bind another socket
 * could take it (seen in CI as EADDRINUSE). Ports handed out by this process
 * are never handed out twice.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + randomInt(12_000);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
}

const handedOut = new Set<number>();

async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  try {
    server.listen(port, '0.0.0.0');
    await once(server, 'listening');
    server.close();
    await once(server, 'close');
    return true;
  } catch {
    return false;
  }
}

/** Runs a command to completion; rejects with its output when it exits non-zero. */
/** `input`, when given, is written to its stdin (then closed). */
export async function runToEnd(command: string, args: string[], cwd = REPO_ROOT, env: Record<string, string> = {}, input?: string): Promise<string> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin!.end(input);
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}\n${out}`);
  return out;
}

/**
 * Polls `url` until it answers 200, the process behind it exits, or `timeoutMs` passes (generous by
 * default: a loaded 2-core CI box can take many seconds to start a service).
 */
export async function waitForOk(url: string, { timeoutMs = 90_000, exited }: { timeoutMs?: number; exited?: () => boolean } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited?.()) throw new Error(`process exited before ${url} answered 200 (${last})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (${last})`);
}
