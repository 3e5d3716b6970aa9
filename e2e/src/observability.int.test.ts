/*
 * The observability stack against the seven services as `pnpm dev` runs them (one stack, shared).
 *
 * Every Grafana panel and every alert rule, evaluated by a real Prometheus (Debian's `prometheus`)
 * that scrapes the seven services as `pnpm dev` runs them. A panel whose query errors, or that names
 * a metric no service exports, is a dead panel nobody notices until the day it is needed; this
 * fails instead. Metric names come from Prometheus' own view of the scrapes (series names plus
 * metadata, which includes labelled metrics that have no sample yet).
 *
 * A real Alertmanager (Debian's `prometheus-alertmanager`) with infra/alertmanager/alertmanager.yml
 * (only its target address and group wait changed) delivers an alert into alert-dispatcher's
 * webhook receiver, which stores it in the platform's alert history.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { SERVICES, startDevPlatform, type DevPlatform } from './dev-platform.js';
import { freePort, REPO_ROOT, waitForOk } from './processes.js';
import { isExported, metricNames, withGrafanaVariables } from './promql.js';

/** Exported by other exporters the deployment runs next to ours, never by a service. */
const FOREIGN_METRICS: Record<string, string> = {
  probe_success: 'blackbox exporter (compose), readiness and TLS probes',
  probe_ssl_earliest_cert_expiry: "blackbox exporter (compose), exchange-hub's certificate",
  kube_deployment_status_replicas_available: 'kube-state-metrics (k8s)',
  kube_deployment_spec_replicas: 'kube-state-metrics (k8s)',
};

interface Expression { where: string; expr: string }

function dashboardExpressions(): Expression[] {
  const dir = path.join(REPO_ROOT, 'infra/grafana/dashboards');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
      panels: { title: string; targets?: { expr?: string }[] }[];
    };
    return dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).filter((t) => t.expr).map((t) => ({ where: `${file} "${panel.title}"`, expr: withGrafanaVariables(t.expr!) })),
    );
  });
}

function ruleExpressions(): Expression[] {
  const rules = parse(readFileSync(path.join(REPO_ROOT, 'infra/prometheus/alerts.yml'), 'utf8')) as {
    groups: { rules: { alert?: string; record?: string; expr: string }[] }[];
  };
  return rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alerts.yml ${r.alert ?? r.record}`, expr: r.expr })));
}

let stack: DevPlatform;
let prometheus: ChildProcess;
let alertmanager: ChildProcess | undefined;
let promOutput = '';
let amOutput = '';
let workDir: string;
let api: string;

async function get<T>(pathAndQuery: string): Promise<{ status: string; data: T; error?: string }> {
  const res = await fetch(`${api}${pathAndQuery}`, { signal: AbortSignal.timeout(10_000) });
  return (await res.json()) as { status: string; data: T; error?: string };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms\n--- prometheus ---\n${promOutput.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  stack = await startDevPlatform(180_000);
  workDir = await mkdtemp(path.join(tmpdir(), 'prometheus-e2e-'));
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  // The compose config's job and labels (job="platform", service=<name>), on the dev ports.
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [path.join(REPO_ROOT, 'infra/prometheus/alerts.yml')],
    scrape_configs: [
      {
        job_name: 'platform',
        honor_labels: true,
        static_configs: SERVICES.map((service) => ({ targets: [`127.0.0.1:${stack.ports[service]}`], labels: { service } })),
      },
    ],
  };
  await writeFile(path.join(workDir, 'prometheus.yml'), JSON.stringify(config));
  prometheus = spawn(
    'prometheus',
    [`--config.file=${path.join(workDir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(workDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.stdout!.on('data', (c) => (promOutput += c));
  prometheus.stderr!.on('data', (c) => (promOutput += c));
  await waitForOk(`${api}/-/ready`, { timeoutMs: 120_000, exited: () => prometheus.exitCode !== null }).catch((error: Error) => {
    throw new Error(`${error.message}\n${promOutput}`);
  });
  await until('all seven services scraped successfully', async () => {
    const { data } = await get<{ activeTargets: { health: string }[] }>('/api/v1/targets');
    return data.activeTargets.length === SERVICES.length && data.activeTargets.every((t) => t.health === 'up') ? true : undefined;
  });
  await until('every alert rule evaluated at least once', async () => {
    const { data } = await get<{ groups: { rules: { lastEvaluation: string }[] }[] }>('/api/v1/rules');
    return data.groups.flatMap((g) => g.rules).every((r) => !r.lastEvaluation.startsWith('0001')) ? true : undefined;
  });
}, 600_000);

afterAll(async () => {
  for (const child of [prometheus, alertmanager]) {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
  await stack?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function exportedNames(): Promise<Set<string>> {
  const names = await get<string[]>('/api/v1/label/__name__/values');
  const metadata = await get<Record<string, unknown>>('/api/v1/metadata');
  return new Set([...names.data, ...Object.keys(metadata.data)]);
}

/** Problems with one expression: a Prometheus error, or metric names nobody exports. */
async function problems({ where, expr }: Expression, known: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  const result = await get<unknown>(`/api/v1/query?query=${encodeURIComponent(expr)}`).catch((error: Error) => ({ status: 'error', data: null, error: error.message }));
  if (result.status !== 'success') found.push(`${where}: ${result.error}`);
  for (const name of metricNames(expr)) {
    if (!isExported(name, known) && !(name in FOREIGN_METRICS)) found.push(`${where}: no service exports ${name}`);
  }
  return found;
}

describe('Prometheus evaluates every dashboard panel and alert rule against the running services', () => {
  it('tells a dead expression from a live one (the check itself can fail)', async () => {
    const known = await exportedNames();
    expect(await problems({ where: 'live', expr: 'sum by (service) (rate(http_request_duration_seconds_count[1m]))' }, known)).toEqual([]);
    expect(await problems({ where: 'dead', expr: 'rate(platform_no_such_metric_total[5m])' }, known)).toEqual(['dead: no service exports platform_no_such_metric_total']);
    expect((await problems({ where: 'broken', expr: 'sum by (service (up)' }, known))[0]).toMatch(/^broken: .*parse error/);
  });

  it('every panel of every dashboard', async () => {
    const known = await exportedNames();
    const expressions = dashboardExpressions();
    expect(expressions.length).toBeGreaterThan(40);
    const found = (await Promise.all(expressions.map((e) => problems(e, known)))).flat();
    expect(found).toEqual([]);
  });

  it('every alert rule: queried, and healthy in the rule evaluator', async () => {
    const known = await exportedNames();
    const expressions = ruleExpressions();
    const found = (await Promise.all(expressions.map((e) => problems(e, known)))).flat();
    expect(found).toEqual([]);
    const { data } = await get<{ groups: { rules: { name: string; health: string; lastError?: string }[] }[] }>('/api/v1/rules');
    const rules = data.groups.flatMap((g) => g.rules);
    expect(rules).toHaveLength(expressions.length);
    expect(rules.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`)).toEqual([]);
  });
});

describe('Alertmanager routes alerts into alert-dispatcher', () => {
  it('an alert posted to Alertmanager ends up in the platform alert history', async () => {
    const config = parse(readFileSync(path.join(REPO_ROOT, 'infra/alertmanager/alertmanager.yml'), 'utf8')) as {
      route: { group_wait: string };
      receivers: { webhook_configs: { url: string }[] }[];
    };
    const hook = config.receivers[0]!.webhook_configs[0]!;
    expect(new URL(hook.url).pathname).toBe('/alertmanager/webhook');
    hook.url = `http://127.0.0.1:${stack.ports['alert-dispatcher']}${new URL(hook.url).pathname}`;
    config.route.group_wait = '1s';
    await writeFile(path.join(workDir, 'alertmanager.yml'), stringify(config));
    const port = await freePort();
    alertmanager = spawn(
      'prometheus-alertmanager',
      [
        `--config.file=${path.join(workDir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(workDir, 'alertmanager')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    alertmanager.stdout!.on('data', (c) => (amOutput += c));
    alertmanager.stderr!.on('data', (c) => (amOutput += c));
    await waitForOk(`http://127.0.0.1:${port}/-/ready`, { timeoutMs: 120_000, exited: () => alertmanager!.exitCode !== null }).catch((error: Error) => {
      throw new Error(`${error.message}\n${amOutput}`);
    });

    const posted = await fetch(`http://127.0.0.1:${port}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { labels: { alertname: 'E2eAlertmanagerProbe', severity: 'warning', service: 'e2e' }, annotations: { summary: 'probe from the e2e test' }, startsAt: new Date().toISOString() },
      ]),
    });
    expect(posted.status).toBe(200);

    const client = new pg.Client({ connectionString: stack.env['DATABASE_URL'] });
    await client.connect();
    try {
      const row = await until('the alert in platform.sync_alerts', async () => {
        const { rows } = await client.query<{ severity: string; message: string }>(
          "SELECT severity, message FROM platform.sync_alerts WHERE source = 'alertmanager' AND type = 'E2eAlertmanagerProbe'",
        );
        return rows[0];
      }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- alertmanager ---\n${amOutput.slice(-3000)}\n--- pnpm dev ---\n${stack.dev.output().slice(-3000)}`);
      });
      expect(row).toEqual({ severity: 'medium', message: 'probe from the e2e test' });
    } finally {
      await client.end();
    }
  });
});
