/**
 * `pnpm deploy:service <service> <dir>`: the production artifact of one service, as the image ships it.
 *
 *   pnpm build && pnpm deploy:service device-poller /tmp/device-poller && node /tmp/device-poller/dist/main.js
 *
 * `pnpm deploy --prod` copies the service with its production dependencies only (workspace packages
 * injected as copies, npm packages at the lockfile's versions). pnpm does not yet apply `publishConfig`
 * on deploy (pnpm/pnpm#6693), so this then does what `pnpm pack` would: each copied package's
 * `exports` point at its compiled dist/ instead of its TypeScript sources, and only package.json,
 * README.md, node_modules and the `files` it declares remain (no sources, tests or tsconfig).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { finalizeDeployedPackage, workspacePackagesIn } from './build/deployed-package.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [service, target] = process.argv.slice(2);
if (!service || !target) {
  console.error('usage: pnpm deploy:service <service directory under services/> <empty target directory>');
  process.exit(2);
}
if (!existsSync(path.join(root, 'services', service, 'package.json'))) {
  console.error(`no such service: services/${service}`);
  process.exit(2);
}
if (!existsSync(path.join(root, 'services', service, 'dist', 'main.js'))) {
  console.error(`services/${service}/dist/main.js is missing: run \`pnpm build\` first`);
  process.exit(2);
}

const out = path.resolve(target);
// inject-workspace-packages: deploy copies workspace packages instead of linking them, which pnpm 10
// requires for deploy; set for this command only, so the workspace keeps its live symlinks for dev.
execFileSync(
  'pnpm',
  ['--config.inject-workspace-packages=true', `--filter=@platform/${service}`, 'deploy', '--prod', out],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
);
for (const dir of [out, ...workspacePackagesIn(out)]) finalizeDeployedPackage(dir);
console.log(`deployed ${service} to ${out}: start it with \`node dist/main.js\` from there`);
