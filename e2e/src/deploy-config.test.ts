/*
 * Keeps the deployment files in step with what the services read. docker-compose.yml and the
 * k8s base were once written before the services had their src/config.ts and named secrets the
 * services never read (ADMIN_JWT_SECRET, WEBHOOK_HMAC_SECRET, METER_SOURCE_DATABASE_URL), so a
 * deploy would have started services without their secrets. For every service this test builds
 * the environment compose and the k8s base give it, and checks that
 *   - its own configSchema accepts it with NODE_ENV=production (nothing required is missing),
 *   - every variable set there is a key of that schema (nothing stale or misspelt),
 *   - ports, mounted files and Secret keys the variables name really exist.
 * Placeholders (`${VAR}` in compose, REPLACE-ME in the templates) get dummy values of the shape
 * a real deployment must supply.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { findJob, type QueueName } from '@platform/queues';
import { loadConfig, serviceEnv } from '@platform/runtime';
import { configSchema as adminGateway } from '../../services/admin-gateway/src/config.js';
import { configSchema as alertDispatcher } from '../../services/alert-dispatcher/src/config.js';
import { configSchema as backupWorker } from '../../services/backup-worker/src/config.js';
import { configSchema as devicePoller } from '../../services/device-poller/src/config.js';
import { configSchema as exchangeHub } from '../../services/exchange-hub/src/config.js';
import { configSchema as meterSync } from '../../services/meter-sync/src/config.js';
import { configSchema as sellerSync } from '../../services/seller-sync/src/config.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const SCHEMAS: Record<string, z.ZodObject> = {
  'admin-gateway': adminGateway,
  'alert-dispatcher': alertDispatcher,
  'backup-worker': backupWorker,
  'device-poller': devicePoller,
  'exchange-hub': exchangeHub,
  'meter-sync': meterSync,
  'seller-sync': sellerSync,
};

/** Set on purpose although no config.ts reads them; anything else unread is stale. */
const READ_ELSEWHERE: Record<string, string> = {
  GOOGLE_APPLICATION_CREDENTIALS: "googleapis' GoogleAuth reads the service-account key path",
  NODE_OPTIONS: 'node itself (heap limit under the container memory limit)',
};

/** What an operator must supply, in the shape the schemas demand. */
const DUMMIES: Record<string, string> = {
  POSTGRES_PASSWORD: 'dummy-password',
  DATABASE_URL: 'postgres://platform:dummy@db.example.internal:5432/platform',
  CLIENT_SYSTEM_DATABASE_URL: 'postgres://readonly:dummy@client.example.internal:5432/client',
  JWT_SECRET: 'j'.repeat(48),
  SMTP_URL: 'smtp://alerts:dummy@smtp.example.internal:587',
  ALERT_EMAIL_FROM: 'alerts@example.org',
  ALERT_EMAIL_TO: 'ops@example.org, oncall@example.org',
  WEBHOOK_URL: 'https://hooks.example.org/platform',
  WEBHOOK_SECRET: 'w'.repeat(32),
  METER_SYNC_TENANTS: '1,2,3',
  SELLERS_SPREADSHEET_ID: '1AbCdEfGhIjKlMnOpQrStUvWxYz',
};

function dummy(name: string): string {
  const value = DUMMIES[name];
  if (value === undefined) throw new Error(`no dummy value for ${name}: add one of the shape production needs to DUMMIES`);
  return value;
}

type Env = Record<string, string>;

/** Compose interpolation: `${VAR:-default}` / `${VAR-default}` take the default, `${VAR}` a dummy. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Za-z0-9_]+)(?:(:?-)([^}]*))?\}/g, (_, name: string, dash?: string, fallback?: string) =>
    dash ? (fallback ?? '') : dummy(name),
  );
}

const placeholder = (name: string, value: string) => (value.includes('REPLACE-ME') ? dummy(name) : value);

/** Schema keys, plus the few variables read by something else. */
function unreadKeys(keys: Iterable<string>, schema: z.ZodObject): string[] {
  return [...keys].filter((key) => !(key in schema.shape) && !(key in READ_ELSEWHERE));
}

test('every service directory has its schema here', () => {
  const dirs = readdirSync(path.join(ROOT, 'services')).filter((d) => existsSync(path.join(ROOT, 'services', d, 'src/config.ts')));
  expect(Object.keys(SCHEMAS).sort()).toEqual(dirs.sort());
});

describe('docker-compose.yml', () => {
  interface ComposeService {
    environment?: Record<string, string | number | boolean | null>;
    secrets?: string[];
    ports?: string[];
    healthcheck?: { test: string[] };
  }
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, ComposeService>;
    secrets?: Record<string, { file: string }>;
  };
  const envOf = (name: string): Env => {
    const raw = compose.services[name]?.environment;
    if (!raw) throw new Error(`docker-compose.yml: service ${name} has no environment`);
    // A key without a value passes the host's variable through; there is none in production.
    return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null).map(([k, v]) => [k, interpolate(String(v))]));
  };

  test.each(Object.keys(SCHEMAS))('%s: its config accepts the compose environment in production', (name) => {
    const env = envOf(name);
    expect(env.NODE_ENV).toBe('production');
    const config = loadConfig(SCHEMAS[name]!, env);
    expect(unreadKeys(Object.keys(env), SCHEMAS[name]!)).toEqual([]);
    // The healthcheck must ask the port the service listens on.
    expect(compose.services[name]!.healthcheck?.test.join(' ')).toContain(`:${config.HTTP_PORT}/healthz/ready`);
  });

  test.each(Object.keys(SCHEMAS))('%s: every /run/secrets file it names is a compose secret it mounts', (name) => {
    const service = compose.services[name]!;
    for (const value of Object.values(envOf(name)).filter((v) => v.startsWith('/run/secrets/'))) {
      const secret = path.basename(value);
      expect(service.secrets, `${name} reads ${value}`).toContain(secret);
      expect(compose.secrets?.[secret]?.file).toMatch(/^\.\/infra\/compose\/secrets\//);
    }
  });

  test('exchange-hub publishes the sync API port it listens on', () => {
    const config = loadConfig(exchangeHub, envOf('exchange-hub'));
    expect(compose.services['exchange-hub']!.ports?.some((p) => p.endsWith(`:${config.EXCHANGE_PORT}`))).toBe(true);
  });

  test('the migration gets only shared variables', () => {
    const env = envOf('migrate');
    loadConfig(serviceEnv.pick({ DATABASE_URL: true }), env);
    expect(unreadKeys(Object.keys(env), serviceEnv)).toEqual([]);
  });
});

describe('k8s base', () => {
  interface EnvVar {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
  }
  interface Container {
    name: string;
    image?: string;
    args?: string[];
    env?: EnvVar[];
    envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
    ports?: { name: string; containerPort: number }[];
    volumeMounts?: { name: string; mountPath: string }[];
  }
  interface Volume {
    name: string;
    secret?: { secretName: string; items?: { key: string; path: string }[] };
    persistentVolumeClaim?: { claimName: string };
  }
  interface PodSpec {
    containers: Container[];
    volumes?: Volume[];
  }
  interface K8sObject {
    kind: string;
    metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    data?: Record<string, string>;
    stringData?: Record<string, string>;
    spec?: {
      template?: { metadata?: { annotations?: Record<string, string> }; spec: PodSpec };
      jobTemplate?: { spec: { template: { spec: PodSpec } } };
      ports?: { name: string; port: number; targetPort: string | number }[];
    };
  }

  const docs = (file: string) => parseAllDocuments(read(file)).map((d) => d.toJS() as K8sObject).filter(Boolean);
  const kustomization = parse(read('k8s/base/kustomization.yaml')) as { resources: string[] };
  const objects = kustomization.resources.flatMap((file) => docs(`k8s/base/${file}`));
  const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'platform-config')!.data ?? {};
  const secrets = new Map(docs('k8s/base/platform-secrets.template.yaml').map((s) => [s.metadata.name, s.stringData ?? {}]));
  const defaults = docs('k8s/base/service-defaults.patch.yaml')[0]!.spec!.template!.spec;
  const deployments = objects.filter((o) => o.kind === 'Deployment' && o.metadata.labels?.['app.kubernetes.io/component'] === 'service');

  /** The service container after service-defaults.patch.yaml (strategic merge: env and mounts by name). */
  function serviceContainer(deployment: K8sObject): { container: Container; volumes: Volume[] } {
    const pod = deployment.spec!.template!.spec;
    const own = pod.containers.find((c) => c.name === 'service')!;
    const patch = defaults.containers.find((c) => c.name === 'service')!;
    const byName = <T extends { name: string }>(a: T[] = [], b: T[] = []) => [...new Map([...a, ...b].map((x) => [x.name, x])).values()];
    const container = { ...own, env: byName(own.env, patch.env), envFrom: [...(patch.envFrom ?? []), ...(own.envFrom ?? [])] };
    const mounts = [...(own.volumeMounts ?? []), ...(patch.volumeMounts ?? [])];
    return { container: { ...container, volumeMounts: mounts }, volumes: byName(pod.volumes, defaults.volumes) };
  }

  function resolveEnv(container: Container): { env: Env; own: string[] } {
    const env: Env = {};
    for (const from of container.envFrom ?? []) {
      expect(from.configMapRef?.name, 'only platform-config is mounted whole').toBe('platform-config');
      for (const [k, v] of Object.entries(configMap)) env[k] = placeholder(k, String(v));
    }
    for (const v of container.env ?? []) {
      const ref = v.valueFrom?.secretKeyRef;
      if (ref) {
        const stored = secrets.get(ref.name)?.[ref.key];
        expect(stored, `${v.name}: key ${ref.key} of Secret ${ref.name} is in platform-secrets.template.yaml`).toBeDefined();
        env[v.name] = placeholder(v.name, stored!);
      } else if (v.valueFrom?.configMapKeyRef) {
        env[v.name] = configMap[v.valueFrom.configMapKeyRef.key]!;
      } else {
        env[v.name] = v.value ?? '';
      }
    }
    return { env, own: (container.env ?? []).map((v) => v.name) };
  }

  /** A file a variable names must sit under a mount; in a Secret volume it must be one of its keys. */
  function expectMountedFile(file: string, container: Container, volumes: Volume[]) {
    const mount = (container.volumeMounts ?? []).find((m) => file === m.mountPath || file.startsWith(`${m.mountPath}/`));
    expect(mount, `${file} is under a volumeMount`).toBeDefined();
    const volume = volumes.find((v) => v.name === mount!.name);
    expect(volume, `volume ${mount!.name} exists`).toBeDefined();
    if (!volume!.secret) return;
    const relative = path.relative(mount!.mountPath, file);
    const key = volume!.secret.items ? volume!.secret.items.find((i) => i.path === relative)?.key : relative;
    expect(key !== undefined && key in (secrets.get(volume!.secret.secretName) ?? {}), `${file} is a key of Secret ${volume!.secret.secretName}`).toBe(true);
  }

  test('there is one service Deployment per schema', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(Object.keys(SCHEMAS).sort());
  });

  test.each(Object.keys(SCHEMAS))('%s: its config accepts ConfigMap + Secret + Deployment env in production', (name) => {
    const deployment = deployments.find((d) => d.metadata.name === name)!;
    const { container, volumes } = serviceContainer(deployment);
    const { env, own } = resolveEnv(container);
    expect(env.NODE_ENV).toBe('production');
    const config = loadConfig(SCHEMAS[name]!, env) as Record<string, unknown>;
    expect(unreadKeys(own, SCHEMAS[name]!), 'Deployment env the service does not read').toEqual([]);

    // HTTP_PORT serves probes and metrics; other *_PORT settings need a named port on the Service.
    const ports = container.ports ?? [];
    expect(ports.find((p) => p.name === 'http')?.containerPort).toBe(config.HTTP_PORT);
    expect(deployment.spec!.template!.metadata?.annotations?.['prometheus.io/port']).toBe(String(config.HTTP_PORT));
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === name)!;
    for (const port of ports) expect(service.spec!.ports!.map((p) => p.targetPort), `Service ${name} exposes ${port.name}`).toContain(port.name);
    for (const key of Object.keys(env).filter((k) => /_PORT$/.test(k) && k !== 'HTTP_PORT')) {
      expect(ports.map((p) => p.containerPort), `${key} is a containerPort`).toContain(config[key]);
    }
    for (const key of own.filter((k) => /(_FILE|_DIR|^GOOGLE_APPLICATION_CREDENTIALS)$/.test(k))) expectMountedFile(env[key]!, container, volumes);
  });

  test('ConfigMap keys are read by a schema, and a service-specific one by exactly one service', () => {
    for (const key of Object.keys(configMap)) {
      if (key in READ_ELSEWHERE || key in serviceEnv.shape) continue;
      const readers = Object.entries(SCHEMAS).filter(([, schema]) => key in schema.shape).map(([n]) => n);
      expect(readers.length, `${key} is read by ${readers.join(', ') || 'no service'}`).toBe(1);
    }
  });

  test('the schedule CronJobs and the migration Job get what their entry points read', () => {
    const cronJobs = objects.filter((o) => o.kind === 'CronJob');
    const migrate = objects.find((o) => o.kind === 'Job')!;
    for (const pod of [...cronJobs.map((o) => o.spec!.jobTemplate!.spec.template.spec), migrate.spec!.template!.spec]) {
      const { env, own } = resolveEnv(pod.containers[0]!);
      // platform-enqueue: serviceEnv with HTTP_PORT 0; the migrator: DATABASE_URL.
      loadConfig(serviceEnv.extend({ HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(0) }), env);
      expect(unreadKeys(own, serviceEnv)).toEqual([]);
    }
    // Each CronJob runs the compiled platform-enqueue of admin-gateway's image on a catalog job,
    // and every scheduled job of the catalog has one.
    const scheduled = new Set<string>();
    for (const cron of cronJobs) {
      const container = cron.spec!.jobTemplate!.spec.template.spec.containers[0]!;
      expect(container.image).toBe('platform/admin-gateway');
      const [node, script, queue, job] = container.args!;
      expect([node, script]).toEqual(['node', 'node_modules/@platform/queues/dist/bin/platform-enqueue.js']);
      expect(existsSync(path.join(ROOT, 'packages/queues/src/bin/platform-enqueue.ts'))).toBe(true);
      expect(findJob(queue as QueueName, job!), `${queue}/${job}`).toBeDefined();
      scheduled.add(`${queue}/${job}`);
    }
    expect([...scheduled].sort()).toEqual([
      'alerts/check-sync-health',
      'backups/backup-device',
      'device-sync/cleanup-buffer',
      'device-sync/sync-device',
      'meter-sync/sync-tenant',
      'seller-sync/sync-sellers',
    ]);
    const [node, script] = migrate.spec!.template!.spec.containers[0]!.args!;
    expect([node, script]).toEqual(['node', 'node_modules/@platform/db/dist/bin/migrate.js']);
    expect(existsSync(path.join(ROOT, 'packages/db/src/bin/migrate.ts'))).toBe(true);
  });

  test('every key of the Secret templates is read by a pod', () => {
    const used = new Set<string>();
    const pods = objects.flatMap((o) => [o.spec?.template?.spec, o.spec?.jobTemplate?.spec.template.spec]).filter((p) => p !== undefined);
    for (const pod of pods) {
      for (const v of pod.containers.flatMap((c) => c.env ?? [])) {
        const ref = v.valueFrom?.secretKeyRef;
        if (ref) used.add(`${ref.name}/${ref.key}`);
      }
      for (const { secret } of pod.volumes ?? []) {
        if (!secret) continue;
        const keys = secret.items?.map((i) => i.key) ?? Object.keys(secrets.get(secret.secretName) ?? {});
        for (const key of keys) used.add(`${secret.secretName}/${key}`);
      }
    }
    // The service-defaults patch's env reaches every service pod.
    for (const v of defaults.containers.flatMap((c) => c.env ?? [])) if (v.valueFrom?.secretKeyRef) used.add(`${v.valueFrom.secretKeyRef.name}/${v.valueFrom.secretKeyRef.key}`);
    const all = [...secrets].flatMap(([secret, data]) => Object.keys(data).map((key) => `${secret}/${key}`));
    expect(all.filter((key) => !used.has(key))).toEqual([]);
  });
});
