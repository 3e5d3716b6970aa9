import { spawn, type ChildProcess } from 'node:child_process';
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
export async function runToCompletion(proc: DevProcess, env: NodeJS.ProcessEnv): Promise<void> {
  const child = start(proc, 0, env);
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

/** SIGTERM to every child; resolves true if all of them exited with code 0. */
export async function stopAll(children: ChildProcess[]): Promise<boolean> {
  const exits = children.map((child) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.exitCode === 0)
      : once(child, 'exit').then(([code]) => code === 0),
  );
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  return (await Promise.all(exits)).every(Boolean);
}
