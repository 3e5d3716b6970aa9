/*
 * Builds the console into console/dist without a moment where dist is half
 * written: Vite writes a directory of its own, which then replaces dist by
 * rename. Two `pnpm dev` runs (or a dev run and a test) may build at once
 * while a gateway serves the previous build; file names are content hashes,
 * so either build serves the same files.
 */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const fresh = path.join(root, `dist-${process.pid}`);
const old = path.join(root, `dist-old-${process.pid}`);

await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true, chunkSizeWarningLimit: 2_000 } });
await rename(dist, old).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(fresh, dist);
await rm(old, { recursive: true, force: true });
console.log(`console built into ${path.relative(process.cwd(), dist)}`);
