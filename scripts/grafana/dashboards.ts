/**
 * `pnpm dashboards`: writes infra/grafana/dashboards/<area>.json from scripts/grafana/areas.ts and
 * k8s/overlays/monitoring/grafana-dashboards.yaml (every dashboard JSON in that folder, hand-written
 * ones included, as ConfigMaps). `--check` exits 1 when a written file is stale (run by a test).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREAS } from './areas.js';
import { renderConfigMaps, renderDashboard } from './render.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DASHBOARD_DIR = path.join(ROOT, 'infra/grafana/dashboards');
export const CONFIGMAPS_FILE = path.join(ROOT, 'k8s/overlays/monitoring/grafana-dashboards.yaml');

/** Every file `pnpm dashboards` owns, with the content it should have. */
export function expectedFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const area of AREAS) out.set(path.join(DASHBOARD_DIR, `${area.uid}.json`), `${JSON.stringify(renderDashboard(area), null, 2)}\n`);
  const jsonFiles = new Set([...readdirSync(DASHBOARD_DIR).filter((f) => f.endsWith('.json')), ...AREAS.map((a) => `${a.uid}.json`)]);
  const contents = Object.fromEntries(
    [...jsonFiles].sort().map((file) => [file, out.get(path.join(DASHBOARD_DIR, file)) ?? readFileSync(path.join(DASHBOARD_DIR, file), 'utf8')]),
  );
  out.set(CONFIGMAPS_FILE, renderConfigMaps(contents));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, content] of expectedFiles()) {
    const current = (() => { try { return readFileSync(file, 'utf8'); } catch { return undefined; } })();
    if (current === content) continue;
    if (check) { console.error(`stale: ${path.relative(ROOT, file)} (run: pnpm dashboards)`); stale++; }
    else { writeFileSync(file, content); console.log(`wrote ${path.relative(ROOT, file)}`); }
  }
  process.exitCode = stale ? 1 : 0;
}
