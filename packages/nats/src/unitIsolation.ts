/**
 * The isolation of a unit's child process on a node, as on the process backend: a heap cap
 * (`memoryMb`), young-generation cap (`youngMb`), Node's permission model (`permissions`, paths
 * on the node's host) and the environment (`env`, `permissions.env`). The NATS settings reach
 * the child in an environment variable of their own, which it deletes once read.
 */
import type { ProcessOptions } from '@plexus/process';
import type { NatsSettings } from './natsSettings.ts';

/**
 * The placement options a node reads: the process backend's (a unit runs in a child process
 * there, isolated the same way) but `cwd`, which the node agent sets, plus where to run.
 */
export interface NatsPlacementOptions extends Omit<ProcessOptions, 'cwd'> {
  /** Run on the node with this name. */
  readonly node?: string;
  /** Run on a node that has every one of these labels. */
  readonly labels?: readonly string[];
}

/** Every option of {@link NatsPlacementOptions}: what the NATS backend checks placements against. */
export const NATS_PLACEMENT_OPTIONS = [
  'node',
  'labels',
  'env',
  'memoryMb',
  'youngMb',
  'permissions',
  'external',
] as const satisfies readonly (keyof NatsPlacementOptions)[];

/** Node's options for a unit's child whose code is `bundle`. */
export function unitArgv(
  bundle: string,
  options: NatsPlacementOptions,
  settings: NatsSettings,
): string[] {
  const flags = [
    '--disable-warning=ExperimentalWarning',
    `--max-semi-space-size=${options.youngMb ?? 1}`,
    '--no-allocation-site-pretenuring',
    '--v8-pool-size=1',
  ];
  if (options.memoryMb !== undefined) flags.push(`--max-old-space-size=${options.memoryMb}`);
  const permissions = options.permissions;
  if (permissions !== undefined) {
    flags.push('--experimental-permission');
    const secrets = [
      settings.credsFile,
      settings.nkeySeedFile,
      settings.tls?.caFile,
      settings.tls?.certFile,
      settings.tls?.keyFile,
    ].filter((path): path is string => path !== undefined);
    for (const path of [bundle, `${bundle}.map`, ...secrets, ...(permissions.read ?? [])])
      flags.push(`--allow-fs-read=${path}`);
    for (const path of permissions.write ?? []) flags.push(`--allow-fs-write=${path}`);
    if (permissions.childProcess === true) flags.push('--allow-child-process');
    if (permissions.worker === true) flags.push('--allow-worker');
  }
  return flags;
}

/** The child's environment: the node's (or only what `permissions.env` names), `env`, and the settings. */
export function unitEnv(
  options: NatsPlacementOptions,
  settingsJson: string,
  settingsEnv: string,
): Record<string, string | undefined> {
  const names = options.permissions?.env;
  const base: Record<string, string | undefined> = {};
  if (names === undefined) Object.assign(base, process.env);
  else for (const name of names) base[name] = process.env[name];
  return { ...base, ...options.env, [settingsEnv]: settingsJson };
}
