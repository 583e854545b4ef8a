/**
 * A node agent: the process `plexus node` runs on each host. It announces itself on NATS and
 * heartbeats, and runs the units coordinators send it, each in a child process (the process
 * backend's isolation), from a bundle fetched from JetStream's object store by content hash
 * and cached in its directory. It relays each unit's events to its coordinator, reports a unit
 * that dies, and kills a run's units when their coordinator stops heartbeating: no orphans.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, freemem, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Msg } from '@nats-io/transport-node';
import { type ErrorData, toErrorData } from '@plexus/core';
import { NatsErrors } from './errors.ts';
import { fetchBundle } from './internal/fetchBundle.ts';
import { localSockets } from './internal/localSockets.ts';
import { type NodeLinks, nodeLinks } from './internal/nodeLinks.ts';
import { pingNodes } from './internal/pingNodes.ts';
import { stallCheck } from './internal/stallCheck.ts';
import {
  NODE_NAME,
  NODE_PING,
  nodeControl,
  nodeHeartbeat,
  nodeStart,
  RUNS_ALIVE,
} from './internal/subjects.ts';
import type { ToNode, ToUnit } from './internal/unitMessages.ts';
import { type ReportSender, reportSender } from './internal/unitReports.ts';
import type { AttachReply, ControlRequest, StartReply, StartRequest } from './internal/wire.ts';
import { connectNats, type NatsSettings, SETTINGS_ENV } from './natsSettings.ts';
import { natsVersion } from './natsVersion.ts';
import { encodeInfo, type NodeInfo } from './nodeInfo.ts';
import { type NatsPlacementOptions, unitArgv, unitEnv } from './unitIsolation.ts';

/** Options of {@link startNode}. */
export interface NodeOptions {
  readonly nats: NatsSettings;
  /** Default: the host name (letters, digits, `_` and `-` only). */
  readonly name?: string;
  readonly labels?: readonly string[];
  /** Where bundles are cached and sockets made. Default: the current directory. */
  readonly cwd?: string;
  /** Heartbeat period. Default 500 ms. */
  readonly heartbeatMs?: number;
  /** Kill a run's units after this long without its coordinator's heartbeat. Default 3000 ms. */
  readonly orphanMs?: number;
  /** Where log lines go. Default: standard error. */
  readonly log?: (line: string) => void;
  /** The version announced (tests of version skew). Default: this package's. */
  readonly version?: string;
}

/** A running node agent. */
export interface NodeAgent {
  readonly name: string;
  info(): NodeInfo;
  /** Kill its units and leave NATS. */
  stop(): Promise<void>;
}

interface Unit {
  readonly child: ChildProcess;
  readonly run: string;
  readonly id: number;
  readonly names: string;
  finished: boolean;
  terminating: boolean;
  exited: Promise<void>;
  readonly links: NodeLinks;
  readonly reports: ReportSender;
}

/** A node's name unless given one: the host name, as a subject token. */
export const defaultNodeName = (): string => hostname().replace(/[^A-Za-z0-9_-]/g, '-');

/**
 * Start a node agent on this host.
 *
 * @example
 * ```ts
 * import { startNode } from '@plexus/nats';
 *
 * const node = await startNode({ nats: { servers: 'nats://127.0.0.1:4222' }, name: 'n1', labels: ['gpu'] });
 * process.on('SIGTERM', () => void node.stop());
 * ```
 */
export async function startNode(options: NodeOptions): Promise<NodeAgent> {
  const name = options.name ?? defaultNodeName();
  if (!NODE_NAME.test(name)) throw NatsErrors.badNodeName(name);
  const cwd = resolve(options.cwd ?? '.');
  const heartbeatMs = options.heartbeatMs ?? 500;
  const orphanMs = options.orphanMs ?? 3000;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const version = options.version ?? natsVersion();
  const nc = await connectNats(options.nats, `plexus-node ${name}`);
  const taken = (
    await pingNodes(nc, 300).catch(async (error: unknown) => {
      await nc.close();
      throw error;
    })
  ).find((node) => node.name === name);
  if (taken !== undefined) {
    await nc.close();
    throw NatsErrors.nameTaken(name, taken.host);
  }
  const units = new Map<string, Unit>();
  const lastAlive = new Map<string, number>();
  const bundles = join(cwd, 'bundles');
  const settingsJson = JSON.stringify(options.nats);
  mkdirSync(bundles, { recursive: true });

  const info = (): NodeInfo => ({
    name,
    host: hostname(),
    labels: [...(options.labels ?? [])],
    cores: availableParallelism(),
    freeMemoryMb: Math.round(freemem() / 2 ** 20),
    version,
    pid: process.pid,
    units: units.size,
  });
  nc.subscribe(NODE_PING, {
    callback: (_e, msg) => {
      msg.respond(encodeInfo(info()));
    },
  });
  nc.subscribe(RUNS_ALIVE, {
    callback: (_e, msg) => {
      const run = msg.subject.split('.')[2]!;
      lastAlive.set(run, Date.now());
      // The heartbeat names the units its coordinator still wants, and the node each should
      // run on. The others it gave up on (it terminated them while this node could not
      // answer), or started again elsewhere (this node was cut off): they must not run on.
      let wanted: Record<string, string>;
      try {
        wanted = JSON.parse(new TextDecoder().decode(msg.data)) as Record<string, string>;
      } catch {
        return;
      }
      for (const [key, unit] of units) {
        const on = unit.run === run ? wanted[unit.id] : name;
        if (on === name) continue;
        log(
          on === undefined
            ? `plexus node ${name}: run ${run}'s coordinator gave up on ${unit.names}; killing it`
            : `plexus node ${name}: run ${run}'s coordinator started ${unit.names} again on node '${on}'; killing the copy here`,
        );
        unit.terminating = true;
        unit.child.kill('SIGKILL');
        units.delete(key);
      }
    },
  });
  const stalledSinceLastBeat = stallCheck(heartbeatMs);
  const beat = () => {
    nc.publish(nodeHeartbeat(name), encodeInfo(info()));
    const now = Date.now();
    if (stalledSinceLastBeat()) {
      // This node was frozen (stopped, swapped out): what coordinators said meanwhile is
      // still to be read. Judge them from now on, not from before the stall.
      for (const run of lastAlive.keys()) lastAlive.set(run, now);
      return;
    }
    for (const [key, unit] of units) {
      if (now - (lastAlive.get(unit.run) ?? now) <= orphanMs) continue;
      log(`plexus node ${name}: run ${unit.run}'s coordinator is gone; killing ${unit.names}`);
      unit.terminating = true;
      unit.child.kill('SIGKILL');
      units.delete(key);
    }
  };
  const timer = setInterval(beat, heartbeatMs);
  beat();

  const startUnit = async (request: StartRequest): Promise<StartReply> => {
    if (request.version !== version)
      return {
        error: toErrorData(NatsErrors.versionSkew(name, hostname(), version, request.version)),
      };
    const bundle = await fetchBundle(nc, bundles, request.bundle, name, (bytes) =>
      log(`plexus node ${name}: fetched bundle ${request.bundle.slice(0, 12)} (${bytes} bytes)`),
    );
    const runDir = join(cwd, 'runs', request.run);
    mkdirSync(runDir, { recursive: true });
    const plan = localSockets(request.plan, runDir);
    const placement = plan.options as NatsPlacementOptions;
    const child = fork(bundle, [], {
      execArgv: unitArgv(bundle, placement, options.nats),
      env: unitEnv(placement, settingsJson, SETTINGS_ENV),
      cwd,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    });
    const names = plan.components.map((c) => `'${c.name}' (${c.type})`).join(', ');
    const key = `${request.run}/${request.unit}`;
    let onStarted: ((error: ErrorData | undefined) => void) | undefined;
    const started = new Promise<ErrorData | undefined>((done) => {
      onStarted = done;
    });
    const unit: Unit = {
      child,
      run: request.run,
      id: request.unit,
      names,
      finished: false,
      terminating: false,
      exited: new Promise((done) => child.once('exit', () => done())),
      links: nodeLinks(nc, child, request.run, request.unit, runDir),
      reports: reportSender(nc, request.run, request.unit, name, request.incarnation ?? 0),
    };
    units.set(key, unit);
    lastAlive.set(request.run, Date.now());
    child.on('error', () => {});
    child.on('message', (raw) => {
      const message = raw as ToNode;
      if (message[0] === 'started') onStarted?.(message[1]);
      else if (unit.links.received(message)) return;
      else if (message[0] === 'event') {
        if (message[1] === 'finished') unit.finished = true;
        unit.reports.send(['event', message[1], message[2]]);
      }
    });
    child.once('exit', (code, signal) => {
      if (units.get(key) === unit) units.delete(key);
      if (![...units.values()].some((u) => u.run === request.run))
        rmSync(runDir, { recursive: true, force: true });
      const what = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
      onStarted?.({
        name: 'PlexusError',
        code: 'ERR_UNIT_DIED',
        message: `The process ${child.pid} on node '${name}' (host ${hostname()}) running ${names} ${what} while it was starting.`,
      });
      if (unit.finished || unit.terminating) {
        unit.reports.close();
        return;
      }
      unit.reports.send([
        'died',
        {
          name: 'PlexusError',
          code: 'ERR_UNIT_DIED',
          message: `The process ${child.pid} on node '${name}' (host ${hostname()}) running ${names} ${what} before its components had finished.`,
        },
      ]);
      unit.reports.close();
    });
    const where = `nats node '${name}' (host ${hostname()}), process ${child.pid}`;
    child.send(['start', plan, where, request.incarnation ?? 0] satisfies ToUnit);
    const error = await started;
    onStarted = undefined;
    if (error !== undefined) {
      unit.terminating = true;
      child.kill('SIGKILL');
      return { error };
    }
    log(`plexus node ${name}: started ${names} for run ${request.run} (pid ${child.pid})`);
    return { where };
  };

  nc.subscribe(nodeStart(name), {
    callback: (_e, msg: Msg) => {
      let request: StartRequest;
      try {
        request = deserialize(msg.data) as StartRequest;
      } catch (error) {
        msg.respond(serialize({ error: toErrorData(error) } satisfies StartReply));
        return;
      }
      startUnit(request).then(
        (reply) => msg.respond(serialize(reply)),
        (error: unknown) => msg.respond(serialize({ error: toErrorData(error) })),
      );
    },
  });
  nc.subscribe(nodeControl(name), {
    callback: (_e, msg: Msg) => {
      const request = deserialize(msg.data) as ControlRequest;
      const unit = units.get(`${request.run}/${request.unit}`);
      if (request.op === 'terminate') {
        if (unit === undefined) msg.respond();
        else {
          unit.terminating = true;
          unit.child.kill('SIGKILL');
          void unit.exited.then(() => msg.respond());
        }
        return;
      }
      if (request.op === 'attach') {
        const gone: AttachReply = {
          error: {
            name: 'Error',
            message: `Node '${name}' runs no unit ${request.unit} of run ${request.run}.`,
          },
        };
        void (unit?.links.attach(request.boundary) ?? Promise.resolve(gone)).then((reply) =>
          msg.respond(serialize(reply)),
        );
        return;
      }
      if (unit === undefined) return;
      unit.child.send(
        (request.op === 'stop'
          ? ['stop', request.graceful]
          : ['tap', request.link, request.options]) satisfies ToUnit,
      );
    },
  });
  await nc.flush();
  log(
    `plexus node ${name}: up on host ${hostname()} (labels: ${(options.labels ?? []).join(',') || 'none'}; Plexus ${version})`,
  );

  return {
    name,
    info,
    async stop() {
      clearInterval(timer);
      for (const unit of units.values()) {
        unit.terminating = true;
        unit.child.kill('SIGKILL');
      }
      await Promise.all([...units.values()].map((unit) => unit.exited));
      await nc.drain().catch(() => {});
    },
  };
}
