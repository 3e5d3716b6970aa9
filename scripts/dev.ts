/**
 * `pnpm dev`: migrate the local database, start every service (and emulator)
 * with prefixed logs, wait until each is ready, print where to find them.
 * Ctrl-C / SIGTERM stops them all; the exit code is 0 only if all stopped cleanly.
 */
import type { ChildProcess } from 'node:child_process';
import { migrate, servicesToRun } from './dev/processes.js';
import { runToCompletion, start, stopAll, waitUntilReady } from './dev/supervisor.js';

const READY_TIMEOUT_MS = 30_000;
const env: NodeJS.ProcessEnv = { LOG_PRETTY: 'true', ...process.env };
const children: ChildProcess[] = [];
let stopping = false;

async function shutdown(reason: string, failed = false): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log(`\n${reason}: stopping ${children.length} processes...`);
  }
  const clean = await stopAll(children);
  console.log(clean && !failed ? 'all stopped cleanly' : 'stopped, with errors (see above)');
  process.exit(clean && !failed ? 0 : 1);
}

process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await runToCompletion(migrate, env);
} catch (error) {
  console.error(`dev: migrations failed: ${(error as Error).message}`);
  process.exit(1);
}

const processes = servicesToRun(env);
processes.forEach((proc, i) => {
  const child = start(proc, i + 1, env);
  children.push(child);
  child.once('exit', (code, signal) => {
    if (!stopping) void shutdown(`${proc.name} exited unexpectedly (code ${code}, signal ${signal})`, true);
  });
});

try {
  await Promise.all(
    processes.map((proc, i) =>
      proc.readyUrl && proc.port !== undefined
        ? waitUntilReady(proc.readyUrl(proc.port), READY_TIMEOUT_MS, () => children[i]!.exitCode !== null).catch(
            (error: Error) => {
              throw new Error(`${proc.name}: ${error.message}`);
            },
          )
        : undefined,
    ),
  );
} catch (error) {
  await shutdown(`dev: ${(error as Error).message}`, true);
}

console.log('\nEverything is up:\n');
for (const proc of processes) {
  if (!proc.urls || proc.port === undefined) continue;
  const urls = Object.entries(proc.urls(proc.port)).map(([k, v]) => `${k} ${v}`);
  console.log(`  ${proc.name.padEnd(18)} ${urls.join('   ')}`);
}
console.log('\nCtrl-C stops everything.\n');
