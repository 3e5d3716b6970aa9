/**
 * `pnpm dev`: migrate and seed the local databases, start the emulators (ZK
 * device, Google Sheets, SMTP sink) and the seven services with prefixed logs,
 * wait until each is ready, print where to find them. Ctrl-C / SIGTERM stops
 * them all; the exit code is 0 only if every one stopped cleanly.
 */
import { devPlan, type DevProcess } from './dev/processes.js';
import { runToCompletion, start, stopAll, waitForProcess, type Running } from './dev/supervisor.js';

// DEV_READY_TIMEOUT_MS: tests that start pnpm dev on a loaded CI box wait longer than a person would.
const READY_TIMEOUT_MS = Number(process.env.DEV_READY_TIMEOUT_MS ?? 30_000);
const env: NodeJS.ProcessEnv = { LOG_PRETTY: 'true', ...process.env };
const plan = devPlan(env);
const running: Running[] = [];
let stopping = false;

async function shutdown(reason: string, failed = false): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log(`\n${reason}: stopping ${running.length} processes...`);
  }
  // Services first, emulators after: a service draining its jobs may still talk to them.
  const unclean = [
    ...(await stopAll(running.filter((r) => !plan.emulators.includes(r.proc)))),
    ...(await stopAll(running.filter((r) => plan.emulators.includes(r.proc)))),
  ];
  if (unclean.length > 0) console.log(`stopped; not cleanly: ${unclean.join(', ')}`);
  else console.log(failed ? 'stopped (see the error above)' : 'all stopped cleanly');
  process.exit(unclean.length === 0 && !failed ? 0 : 1);
}

// Ctrl-C reaches every process of the terminal's group; ignore repeats while stopping.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!stopping) void shutdown(signal);
  });
}

for (const [i, step] of plan.setup.entries()) {
  try {
    await runToCompletion(step, i, env);
  } catch (error) {
    console.error(`dev: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** Starts a group of long-running processes and waits until all of them are ready. */
async function startGroup(group: DevProcess[], colorOffset: number): Promise<void> {
  const started = group.map((proc, i) => {
    const child = start(proc, colorOffset + i, env);
    running.push({ proc, child });
    child.once('exit', (code, signal) => {
      if (!stopping) void shutdown(`${proc.name} exited unexpectedly (code ${code}, signal ${signal})`, true);
    });
    return waitForProcess(proc, child, READY_TIMEOUT_MS);
  });
  await Promise.all(started);
}

try {
  await startGroup(plan.emulators, plan.setup.length);
  await startGroup(plan.services, plan.setup.length + plan.emulators.length);
} catch (error) {
  await shutdown(`dev: ${(error as Error).message}`, true);
}

console.log('\nEverything is up:\n');
for (const proc of [...plan.emulators, ...plan.services]) {
  const urls = Object.entries(proc.urls ?? {}).map(([k, v]) => `${k} ${v}`);
  console.log(`  ${proc.name.padEnd(18)} ${urls.join('   ')}`);
}
console.log('\nCreate an admin for the API: pnpm --filter @platform/admin-gateway create-admin');
console.log('Ctrl-C stops everything.\n');
