import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Test files, type tests and test-only helpers stay out of dist/: production never loads them. */
const TEST_ONLY = /(\.test\.ts|\.test-d\.ts|\.d\.ts)$/;

/** packages/* and services/* that have a src/ directory, in a stable order. */
export function buildableWorkspaces(root: string): string[] {
  return ['packages', 'services'].flatMap((group) =>
    readdirSync(path.join(root, group), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(root, group, d.name, 'src')))
      .map((d) => path.join(root, group, d.name))
      .sort(),
  );
}

/** Every production TypeScript file under `src`, recursively. */
export function sourceFiles(src: string): string[] {
  return readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !TEST_ONLY.test(d.name))
    .map((d) => path.join(d.parentPath, d.name));
}
