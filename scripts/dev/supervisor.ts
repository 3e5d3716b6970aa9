import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DevProcess } from './processes.js';

const COLORS = [36, 35, 33, 32, 34, 96, 95, 93, 92];
const width = 16;

/** Spawns a process whose output lines are prefixed with its name. */
export function start(proc: DevProcess, index: number, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, proc.args, {
    cwd: proc.cwd,
    env: { ...env, ...proc.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${COLORS[index % COLORS.length]}m${proc.name.padEnd(width)}\x1b[0m│ `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => process.stdout.write(prefix + line + '\n'));
  }
  return child;
}

/** Runs a one-shot process to completion; rejects on a non-zero exit. */
export async function runToCompletion(proc: DevProcess, index: number, env: NodeJS.ProcessEnv): Promise<void> {
  const child = start(proc, index, env);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${proc.name} exited with code ${code}`);
}

/** Polls `url` until it answers 200, or throws after `timeoutMs`. */
export async function waitUntilReady(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited()) throw new Error('exited before it became ready');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`not ready within ${timeoutMs} ms (${url}: ${last})`);
}

/** Polls a TCP port until something accepts a connection, or throws after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error('exited before it became ready');
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(200);
  }
  throw new Error(`port ${port} not open within ${timeoutMs} ms`);
}

/** Waits for whichever readiness signal the process declares. */
export function waitForProcess(proc: DevProcess, child: ChildProcess, timeoutMs: number): Promise<void> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const ready = proc.readyUrl
    ? waitUntilReady(proc.readyUrl, timeoutMs, exited)
    : proc.readyPort !== undefined
      ? waitForPort(proc.readyPort, timeoutMs, exited)
      : Promise.resolve();
  return ready.catch((error: Error) => {
    throw new Error(`${proc.name}: ${error.message}`);
  });
}

export interface Running {
  proc: DevProcess;
  child: ChildProcess;
}

/** SIGTERM to every child; resolves the names of those that did not exit with code 0. */
export async function stopAll(running: Running[]): Promise<string[]> {
  const exits = running.map(({ proc, child }) => {
    const done =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve([child.exitCode, child.signalCode] as const)
        : (once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>);
    return done.then(([code, signal]) => (code === 0 ? null : `${proc.name} (${signal ?? `code ${code}`})`));
  });
  for (const { child } of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  return (await Promise.all(exits)).filter((failure): failure is string => failure !== null);
}
