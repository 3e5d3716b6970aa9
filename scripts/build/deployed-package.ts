import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Manifest {
  main?: string;
  exports?: Record<string, string>;
  files?: string[];
  publishConfig?: { exports?: Record<string, string>; main?: string };
  [key: string]: unknown;
}

/** Always kept; everything else must be listed in `files`. */
const ALWAYS_KEPT = new Set(['package.json', 'README.md', 'node_modules']);
const DEV_ONLY_FIELDS = ['devDependencies', 'scripts', 'publishConfig'];

/** The injected copies of our own packages inside a deployed service's node_modules. */
export function workspacePackagesIn(deployDir: string): string[] {
  const store = path.join(deployDir, 'node_modules', '.pnpm');
  return readdirSync(store)
    .filter((entry) => entry.startsWith('@platform+'))
    .flatMap((entry) => {
      const scope = path.join(store, entry, 'node_modules', '@platform');
      return readdirSync(scope).map((name) => path.join(scope, name));
    });
}

/** Applies `publishConfig` and `files` the way `pnpm pack` does, in place. */
export function finalizeDeployedPackage(dir: string): void {
  const manifestPath = path.join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const published = manifest.publishConfig ?? {};
  if (published.exports) {
    manifest.exports = published.exports;
    manifest.main = published.main ?? published.exports['.'];
  }
  for (const field of DEV_ONLY_FIELDS) delete manifest[field];

  const files = (manifest.files ?? []).map((f) => f.replace(/^\.\//, '').replace(/\/$/, ''));
  keepOnly(dir, [...ALWAYS_KEPT, ...files]);
  // Deployed files may be hard links into the workspace: replace the manifest, never write through it.
  rmSync(manifestPath);
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Removes everything under `dir` but the listed relative paths. A nested entry (admin-gateway's
 * `console/dist`) keeps that path and nothing else of its parent (no console sources).
 */
function keepOnly(dir: string, keep: string[]): void {
  for (const entry of readdirSync(dir)) {
    if (keep.includes(entry)) continue;
    const nested = keep.filter((k) => k.startsWith(`${entry}/`)).map((k) => k.slice(entry.length + 1));
    if (nested.length > 0) keepOnly(path.join(dir, entry), nested);
    else rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}
