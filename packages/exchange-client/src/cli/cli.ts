import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { exampleRegistry, SCHEMA_VERSION } from '@platform/exchange-protocol';
import { LocalChangeError, NodeStateError, SyncRefusedError, TransientSyncError } from '../errors.js';
import { ExchangeNode } from '../exchange-node.js';
import { getState, setState } from '../local-store.js';
import { syncNode, type SyncProgress } from '../sync.js';
import { HttpsTransport } from '../transport.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** A TTY gets a progress bar; anything else gets one line per step. */
  isTty: boolean;
}

interface Connection {
  url: string;
  token: string;
  ca: string | null;
  allowInsecureHttp: boolean;
}

const USAGE = `usage: exchange-node [--data DIR] <command>
  init --hub https://HOST:9443 --token TOKEN [--ca hub.pem] [--insecure-http]
  put <Type> '<json fields>' [--uuid UUID]     create or update offline
  delete <Type> <uuid>                          soft delete offline
  list [Type]                                   local entities
  status                                        pending, quarantined, last packet
  sync [--max-attempts N]                       exchange with the hub until nothing is left
  export <file>                                 pending changes to a checksummed file
  import-reply <file>                           apply the hub's reply file`;

// A sync this large gets a bar; below it, lines are clearer than a flashing bar.
const LARGE_SYNC = 200;

/**
 * The desktop node's command line; returns the exit code.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { out: console.log, err: console.error, isTty: process.stdout.isTTY });
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string', default: './exchange-node-data' },
        hub: { type: 'string' },
        token: { type: 'string' },
        ca: { type: 'string' },
        'insecure-http': { type: 'boolean', default: false },
        uuid: { type: 'string' },
        'max-attempts': { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (!command) {
    io.err(USAGE);
    return 64;
  }
  const node = await ExchangeNode.open({ registry: exampleRegistry(), schemaVersion: SCHEMA_VERSION.current }, values.data);
  try {
    return await dispatch(node, command, args, values, io);
  } catch (error) {
    if (error instanceof LocalChangeError || error instanceof SyncRefusedError) {
      io.err(`${error.code}: ${error.message}`);
      return 1;
    }
    if (error instanceof NodeStateError || error instanceof TransientSyncError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await node.close();
  }
}

async function dispatch(node: ExchangeNode, command: string, args: string[], values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number> {
  switch (command) {
    case 'init': {
      if (typeof values.hub !== 'string' || typeof values.token !== 'string') {
        io.err('init needs --hub and --token');
        return 64;
      }
      const connection: Connection = {
        url: values.hub,
        token: values.token,
        ca: typeof values.ca === 'string' ? await readFile(values.ca, 'utf8') : null,
        allowInsecureHttp: values['insecure-http'] === true,
      };
      const hello = await transportFor(connection).hello();
      await node.setIdentity({ nodeId: hello.node_id, hubNodeId: hello.hub_node_id });
      // The token sits in the node's own data directory, like an SSH key: protect the directory.
      await setState(node.db, 'connection', connection);
      io.out(`node ${hello.node_code} (${hello.node_id}) bound to hub ${hello.hub_node_id}; ${hello.pending_for_node} change(s) waiting`);
      return 0;
    }
    case 'put': {
      const [type, json] = args;
      if (!type || !json) return usage(io);
      let fields: Record<string, unknown>;
      try {
        fields = JSON.parse(json) as Record<string, unknown>;
      } catch (error) {
        io.err(`the fields must be one JSON object: ${(error as Error).message}`);
        return 64;
      }
      const entity = await node.put(type, fields, typeof values.uuid === 'string' ? values.uuid : undefined);
      io.out(`${entity.type} ${entity.uuid} saved offline; ${await node.pendingCount()} change(s) pending`);
      return 0;
    }
    case 'delete': {
      const [type, uuid] = args;
      if (!type || !uuid) return usage(io);
      await node.remove(type, uuid);
      io.out(`${type} ${uuid} deleted offline`);
      return 0;
    }
    case 'list': {
      for (const e of await node.list(args[0])) io.out(JSON.stringify(e));
      return 0;
    }
    case 'status': {
      const quarantined = await node.quarantined();
      io.out(`pending: ${await node.pendingCount()}; quarantined: ${quarantined.length}; last hub packet applied: ${(await getState<number>(node.db, 'last_applied')) ?? 0}`);
      for (const q of quarantined) io.out(`  quarantined ${q.type} ${q.uuid} (${q.code}): ${q.reason}`);
      return 0;
    }
    case 'sync': {
      const connection = await getState<Connection>(node.db, 'connection');
      if (!connection) throw new NodeStateError('not set up: run `exchange-node init --hub URL --token TOKEN` first');
      const progress = progressReporter(io);
      const summary = await syncNode(node, transportFor(connection), {
        onProgress: progress.update,
        maxAttempts: typeof values['max-attempts'] === 'string' ? Number(values['max-attempts']) : undefined,
        onRetry: (error, attempt, delayMs) => io.err(`retry ${attempt} in ${delayMs} ms: ${error.message}`),
      });
      progress.stop();
      io.out(`synced: ${summary.uploaded} sent, ${summary.downloaded} received, ${summary.rejected.length} quarantined, ${summary.rounds} round(s)`);
      for (const r of summary.rejected) io.out(`  quarantined ${r.type} ${r.uuid} (${r.code}): ${r.reason}`);
      return 0;
    }
    case 'export': {
      const [file] = args;
      if (!file) return usage(io);
      await writeFile(file, await node.exportFile());
      io.out(`${await node.pendingCount()} pending change(s) exported to ${file}`);
      return 0;
    }
    case 'import-reply': {
      const [file] = args;
      if (!file) return usage(io);
      const outcome = await node.importReplyFile(await readFile(file, 'utf8'));
      io.out(`${outcome.acknowledged} change(s) acknowledged, ${outcome.applied} received, ${outcome.rejected.length} quarantined`);
      return 0;
    }
    default:
      return usage(io);
  }
}

function usage(io: CliIo): number {
  io.err(USAGE);
  return 64;
}

function transportFor(c: Connection): HttpsTransport {
  return new HttpsTransport({ url: c.url, token: c.token, ca: c.ca ?? undefined, allowInsecureHttp: c.allowInsecureHttp });
}

function progressReporter(io: CliIo) {
  let bar: cliProgress.SingleBar | undefined;
  let phase: string | undefined;
  return {
    update: (p: SyncProgress) => {
      if (p.total < LARGE_SYNC || !io.isTty) {
        if (p.done === p.total && p.total > 0) io.out(`${p.phase}: ${p.done}/${p.total}`);
        return;
      }
      if (phase !== p.phase) {
        bar?.stop();
        bar = new cliProgress.SingleBar({ format: `${p.phase.padEnd(8)} [{bar}] {value}/{total} changes` }, cliProgress.Presets.shades_classic);
        bar.start(p.total, p.done);
        phase = p.phase;
      }
      bar!.setTotal(p.total);
      bar!.update(p.done);
    },
    stop: () => bar?.stop(),
  };
}
