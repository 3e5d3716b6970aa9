// `pnpm migrate up | down [--to-zero] | status`; see packages/db/README.md.
import { runMigrate } from '../cli/migrate-command.js';

process.exitCode = await runMigrate(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
