/*
 * The platform runs on the Node of the root package.json's `engines` (Node 24 LTS). Machines may
 * have an older node (pnpm's own); `pnpm <script>` and `.ci/run` put Node 24 first on PATH. If
 * that ever stops working, the suite would quietly test another runtime than production's: this
 * fails instead.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').trim();

describe('the Node the tests run on', () => {
  it("is the engines' Node 24 (>= 24.11), the one .nvmrc and .node-version name", () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=24.11 <25');
    expect(read('.nvmrc')).toBe('24');
    expect(read('.node-version')).toBe('24');
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major, `running on ${process.version}`).toBe(24);
    expect(minor, `running on ${process.version}`).toBeGreaterThanOrEqual(11);
  });
});
