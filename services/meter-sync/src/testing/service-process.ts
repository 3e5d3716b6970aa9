import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVICE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A service started as its own OS process, as a deployment runs it. */
export interface ServiceProcess {
  child: ChildProcess;
  /** stdout + stderr so far (pino JSON lines), for failure messages. */
  output(): string;
  exited: Promise<number | null>;
  /** SIGKILL (no shutdown handler runs) and wait for the exit; a no-op once it has exited. */
  kill(): Promise<void>;
}

/** `node --import tsx src/main.ts` from the service directory, with `env` over the test's environment. */
export function startService(env: Record<string, string>, script = 'src/main.ts'): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: SERVICE_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = child.exitCode !== null ? Promise.resolve(child.exitCode) : once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    output: () => out,
    exited,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `probe` until it returns a value other than undefined/false; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
