/**
 * Node-RED flows (`flows.json`: an array of nodes wired by id) as Plexus graph files: the
 * function-less nodes people wire — inject, debug, switch, change, template, split, join,
 * delay, mqtt in/out, http request, file in/out — become standard components, their settings
 * params and their JSONata (switch and change rules become JSONata expressions); a report
 * lists every node and setting that has no equivalent.
 */
import { stringify } from 'yaml';
import type { Conversion } from './fromNoflo.ts';

/**
 * A Node-RED node, as flows.json holds it.
 *
 * Its id, type, optional name and tab (`z`), its `wires` (for each output, the ids of the
 * nodes it feeds) and its settings, which differ by type. {@link fromNodeRed} takes an array of
 * them, as a Node-RED export or `flows.json` holds.
 *
 * @example
 * ```ts
 * import { fromNodeRed, type NodeRedNode } from '@plexus/runner';
 *
 * const flow: NodeRedNode[] = [
 *   { id: 'a', type: 'inject', payload: '1', payloadType: 'num', once: true, wires: [['b']] },
 *   { id: 'b', type: 'debug', wires: [] },
 * ];
 * const { yaml, report } = fromNodeRed(flow, { name: 'flow', schema: 'graph.schema.json' });
 * console.log(yaml, report);
 * ```
 */
export interface NodeRedNode {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly z?: string;
  readonly wires?: readonly (readonly string[])[];
  readonly [setting: string]: unknown;
}

interface Converted {
  use: string;
  params?: Record<string, unknown>;
  /** The outbox for each of the node's outputs, in order. */
  outputs: string[];
  /** False for a component with no inbox (a source): wires into it are dropped. */
  input?: false;
}

const str = (value: unknown) => (typeof value === 'string' ? value : String(value ?? ''));

/** A Node-RED typed value (`v` with type `vt`) as a JSONata expression. */
function typedExpression(value: unknown, type: unknown): string {
  switch (type) {
    case 'num':
      return String(Number(value));
    case 'bool':
      return String(value === true || value === 'true');
    case 'json':
      return str(value);
    case 'msg':
      return str(value);
    case 'jsonata':
      return `(${str(value)})`;
    case 'date':
      return '$millis()';
    case 'env':
      return JSON.stringify(process.env[str(value)] ?? '');
    default:
      return JSON.stringify(str(value));
  }
}

/** A typed value as a param value (for Change's `value`), or an expression. */
function typedValue(value: unknown, type: unknown): { value: unknown } | { expression: string } {
  if (type === 'num') return { value: Number(value) };
  if (type === 'bool') return { value: value === true || value === 'true' };
  if (type === 'json') {
    try {
      return { value: JSON.parse(str(value)) };
    } catch {
      return { value: str(value) };
    }
  }
  if (type === 'str' || type === undefined) return { value: str(value) };
  return { expression: typedExpression(value, type) };
}

const OPERATORS: Record<string, string> = {
  eq: '=',
  neq: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

/** A switch rule as a JSONata condition on `property`, or undefined if it has none. */
function condition(property: string, rule: Record<string, unknown>): string | undefined {
  const t = str(rule.t);
  const v = typedExpression(rule.v, rule.vt);
  if (t in OPERATORS) return `${property} ${OPERATORS[t]} ${v}`;
  switch (t) {
    case 'btwn':
      return `${property} >= ${v} and ${property} <= ${typedExpression(rule.v2, rule.v2t)}`;
    case 'cont':
      return `$contains($string(${property}), ${v})`;
    case 'regex':
      return `$contains($string(${property}), /${str(rule.v)}/${rule.case === true ? 'i' : ''})`;
    case 'true':
      return `${property} = true`;
    case 'false':
      return `${property} = false`;
    case 'null':
      return `${property} = null`;
    case 'nnull':
      return `$exists(${property}) and ${property} != null`;
    case 'empty':
      return `$count(${property}) = 0 or ${property} = ""`;
    case 'nempty':
      return `$count(${property}) > 0 and ${property} != ""`;
    case 'istype':
      return `$type(${property}) = ${JSON.stringify(str(rule.v))}`;
    case 'jsonata_exp':
      return `(${str(rule.v)})`;
    default:
      return undefined;
  }
}

const UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/**
 * Convert a Node-RED flow (the array flows.json holds) into a Plexus graph file.
 *
 * Each node of a type Plexus has becomes a component named after the node (its name, or its
 * type and a number), its settings params; each wire a link from the outbox of that output.
 * Config nodes (an mqtt-broker's url) are read where used; tabs, comments and groups are
 * dropped. Everything else — function nodes, settings without an equivalent, wires to nodes
 * not converted — is reported, one sentence each.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { fromNodeRed } from '@plexus/runner';
 *
 * const { yaml, report } = fromNodeRed(JSON.parse(readFileSync('flows.json', 'utf8')), {
 *   name: 'flows',
 *   schema: 'node_modules/@plexus/runner/graph.schema.json',
 * });
 * ```
 */
export function fromNodeRed(
  nodes: readonly NodeRedNode[],
  options: { name: string; schema: string },
): Conversion {
  const report: string[] = [];
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const counts = new Map<string, number>();
  const nameOf = (node: NodeRedNode): string => {
    let name = names.get(node.id);
    if (name !== undefined) return name;
    const base = (node.name !== undefined && node.name !== '' ? node.name : node.type)
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^(?=[^A-Za-z_])/, '_');
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    name = n === 1 && !taken.has(base) ? base : `${base}-${n}`;
    while (taken.has(name)) name += '_';
    taken.add(name);
    names.set(node.id, name);
    return name;
  };
  const components: Record<
    string,
    { use: string; params?: Record<string, unknown>; comment: string }
  > = {};
  const outputsOf = new Map<string, string[]>();
  const sources = new Set<string>();

  for (const node of nodes) {
    if (['tab', 'comment', 'group', 'mqtt-broker', 'subflow'].includes(node.type)) {
      if (node.type === 'comment') report.push(`comment '${str(node.name)}' is dropped.`);
      continue;
    }
    const converted = convertNode(node, byId, report);
    if (converted === undefined) continue;
    const name = nameOf(node);
    components[name] = {
      use: converted.use,
      ...(converted.params === undefined ? {} : { params: converted.params }),
      comment: `Node-RED ${node.type} node ${node.id}`,
    };
    outputsOf.set(node.id, converted.outputs);
    if (converted.input === false) sources.add(node.id);
  }

  const links: string[] = [];
  for (const node of nodes) {
    const outputs = outputsOf.get(node.id);
    if (outputs === undefined) continue;
    (node.wires ?? []).forEach((targets, i) => {
      for (const target of targets) {
        const to = byId.get(target);
        if (to === undefined || !outputsOf.has(target)) {
          report.push(
            `the wire from '${nameOf(node)}' to ${to === undefined ? `node ${target}` : `'${str(to.name) || to.type}' (${to.type})`} is dropped: that node was not converted.`,
          );
          continue;
        }
        if (sources.has(target)) {
          report.push(
            `the wire from '${nameOf(node)}' to '${nameOf(to)}' is dropped: ${to.type} starts by itself in Plexus (${components[nameOf(to)]!.use} has no inbox).`,
          );
          continue;
        }
        const box = outputs[i];
        if (box === undefined) {
          report.push(
            `output ${i + 1} of '${nameOf(node)}' (${node.type}) has no equivalent; its wires are dropped.`,
          );
          continue;
        }
        links.push(`${nameOf(node)}.${box} -> ${nameOf(to)}.in`);
      }
    });
  }

  const graph = {
    name: options.name,
    description: 'Converted from a Node-RED flow.',
    components,
    ...(links.length > 0 ? { links } : {}),
  };
  const yaml = `# yaml-language-server: $schema=${options.schema}\n${stringify(graph, { lineWidth: 0 })}`;
  return { yaml, report };
}

function convertNode(
  node: NodeRedNode,
  byId: ReadonlyMap<string, NodeRedNode>,
  report: string[],
): Converted | undefined {
  const label = `node '${str(node.name) || node.id}' (${node.type})`;
  const property = str(node.property ?? 'payload').replace(/^msg\./, '');
  switch (node.type) {
    case 'inject': {
      const params: Record<string, unknown> = {};
      const props = (node.props as { p: string; v?: unknown; vt?: unknown }[] | undefined) ?? [];
      const payload = props.find((p) => p.p === 'payload') ?? {
        p: 'payload',
        v: node.payload,
        vt: node.payloadType,
      };
      const topic = props.find((p) => p.p === 'topic');
      if (payload.vt !== 'date' && payload.vt !== undefined) {
        const typed = typedValue(payload.v, payload.vt);
        if ('value' in typed) params.payload = typed.value;
        else
          report.push(
            `${label}: its payload of type ${str(payload.vt)} is not carried over; Inject sends the time instead.`,
          );
      }
      const t = topic?.v ?? node.topic;
      if (typeof t === 'string' && t !== '') params.topic = t;
      const repeat = Number(node.repeat);
      if (node.repeat !== undefined && node.repeat !== '' && repeat > 0)
        params.intervalMs = repeat * 1000;
      if (typeof node.crontab === 'string' && node.crontab !== '') params.cron = node.crontab;
      if (params.intervalMs !== undefined || params.cron !== undefined)
        params.once = node.once === true;
      const delay = Number(node.onceDelay);
      if (node.once === true && delay > 0) params.delayMs = delay * 1000;
      if (node.once !== true && params.intervalMs === undefined && params.cron === undefined)
        report.push(`${label} is injected by hand in Node-RED; Inject sends it once at start.`);
      return { use: '@plexus/components#Inject', params, outputs: ['out'], input: false };
    }
    case 'debug': {
      const complete = str(node.complete);
      if (complete !== 'true' && complete !== 'payload' && complete !== '')
        report.push(`${label} shows msg.${complete}; ConsoleEcho prints the whole message.`);
      if (node.tosidebar === true)
        report.push(`${label}: Plexus has no sidebar; ConsoleEcho prints to the console.`);
      return { use: '@plexus/components#ConsoleEcho', params: { format: 'json' }, outputs: [] };
    }
    case 'switch': {
      const rules = (node.rules as Record<string, unknown>[] | undefined) ?? [];
      const switchRules: { when: string; to: string }[] = [];
      const outputs: string[] = [];
      rules.forEach((rule, i) => {
        if (rule.t === 'else') {
          outputs.push('otherwise');
          return;
        }
        const when = condition(property, rule);
        const to = `out${i + 1}`;
        outputs.push(to);
        if (when === undefined) {
          report.push(
            `${label}: rule ${i + 1} ('${str(rule.t)}') has no equivalent; write its condition in JSONata.`,
          );
          switchRules.push({ when: 'false', to });
        } else switchRules.push({ when, to });
      });
      if (node.propertyType !== undefined && node.propertyType !== 'msg')
        report.push(
          `${label} tests a ${str(node.propertyType)} property; the rules test the message's '${property}'.`,
        );
      return {
        use: '@plexus/components#Switch',
        params: { rules: switchRules, all: node.checkall !== 'false' && node.checkall !== false },
        outputs,
      };
    }
    case 'change': {
      const rules: Record<string, unknown>[] = [];
      for (const rule of (node.rules as Record<string, unknown>[] | undefined) ?? []) {
        const path = str(rule.p);
        if (rule.pt !== undefined && rule.pt !== 'msg') {
          report.push(`${label}: a rule on a ${str(rule.pt)} property is not carried over.`);
          continue;
        }
        if (rule.t === 'set') rules.push({ set: path, ...typedValue(rule.to, rule.tot) });
        else if (rule.t === 'delete') rules.push({ delete: path });
        else if (rule.t === 'move') rules.push({ move: path, to: str(rule.to) });
        else if (rule.t === 'change')
          rules.push({
            set: path,
            expression: `$replace($string(${path}), ${rule.fromt === 're' ? `/${str(rule.from)}/` : JSON.stringify(str(rule.from))}, ${typedExpression(rule.to, rule.tot)})`,
          });
      }
      if (rules.length === 0) {
        report.push(`${label} has no rule Plexus can carry over; it is left out.`);
        return undefined;
      }
      return { use: '@plexus/components#Change', params: { rules }, outputs: ['out'] };
    }
    case 'template': {
      let template = str(node.template).replace(/\{\{\{\s*([^}]+?)\s*\}\}\}/g, '{{ $1 }}');
      if (/\{\{[#^/]/.test(template)) {
        report.push(
          `${label} uses mustache sections ({{#…}}), which Template has no equivalent for; they are left as text.`,
        );
        template = template.replace(/\{\{([#^/][^}]*)\}\}/g, '{ {$1} }');
      }
      const field = str(node.field ?? 'payload');
      if (field !== 'payload')
        report.push(`${label} sets msg.${field}; Template sends the text itself.`);
      return {
        use: '@plexus/components#Template',
        params: { template, ...(node.output === 'json' ? { output: 'json' } : {}) },
        outputs: ['out'],
      };
    }
    case 'split': {
      const params: Record<string, unknown> = { property: 'payload' };
      if (node.spltType === 'str' && typeof node.splt === 'string')
        params.separator = node.splt.replace(/\\n/g, '\n');
      if (node.spltType === 'len') params.length = Number(node.splt);
      if (node.arraySplt !== undefined && Number(node.arraySplt) > 1)
        params.size = Number(node.arraySplt);
      return { use: '@plexus/components#Split', params, outputs: ['out'] };
    }
    case 'join': {
      if (node.mode === 'auto')
        return {
          use: '@plexus/components#Join',
          params: { property: 'payload' },
          outputs: ['out'],
        };
      if (node.mode === 'reduce') {
        report.push(`${label} reduces with JSONata, which Join does not; it is left out.`);
        return undefined;
      }
      const count = Number(node.count);
      if (!(count > 0))
        report.push(
          `${label} ends its groups by timeout or msg.complete only; Join needs a count (set to 1).`,
        );
      const params: Record<string, unknown> =
        node.build === 'object'
          ? {
              mode: 'key',
              key: str(node.key ?? 'topic'),
              count: count > 0 ? count : 1,
              property: 'payload',
            }
          : { mode: 'count', count: count > 0 ? count : 1, property: 'payload' };
      // Node-RED's join timeout is in seconds: a group is sent with what it has after it.
      const timeout = Number(node.timeout);
      if (node.timeout !== undefined && node.timeout !== '') {
        if (timeout > 0) params.timeoutMs = timeout * 1000;
        else
          report.push(`${label}: its timeout '${str(node.timeout)}' is not a number of seconds.`);
      }
      return { use: '@plexus/components#Join', params, outputs: ['out'] };
    }
    case 'delay': {
      const unit = UNIT_MS[str(node.timeoutUnits ?? 'seconds')] ?? 1000;
      if (node.pauseType === 'delay')
        return {
          use: '@plexus/components#Delay',
          params: { ms: Number(node.timeout ?? 5) * unit },
          outputs: ['out'],
        };
      if (node.pauseType === 'rate') {
        const per =
          (UNIT_MS[str(node.rateUnits ?? 'second')] ?? UNIT_MS[`${str(node.rateUnits)}s`] ?? 1000) *
          Number(node.nbRateUnits ?? 1);
        return {
          use: '@plexus/components#Throttle',
          params: { perSecond: (Number(node.rate ?? 1) * 1000) / per },
          outputs: ['out'],
        };
      }
      report.push(`${label} (${str(node.pauseType)}) has no equivalent; it is left out.`);
      return undefined;
    }
    case 'mqtt in':
    case 'mqtt out': {
      const broker = byId.get(str(node.broker));
      const url =
        broker === undefined
          ? 'mqtt://127.0.0.1:1883'
          : `${broker.usetls === true ? 'mqtts' : 'mqtt'}://${str(broker.broker ?? '127.0.0.1')}:${str(broker.port ?? 1883)}`;
      if (broker === undefined)
        report.push(
          `${label}: its broker config node is missing; the url is mqtt://127.0.0.1:1883.`,
        );
      const qos = Number(node.qos ?? 0) as 0 | 1 | 2;
      if (node.type === 'mqtt in') {
        const datatype = str(node.datatype ?? 'auto');
        const payload =
          datatype === 'buffer'
            ? 'bytes'
            : datatype === 'utf8'
              ? 'text'
              : datatype === 'json'
                ? 'json'
                : 'auto';
        return {
          use: '@plexus/components#MqttIn',
          params: { url, topics: str(node.topic), qos, payload },
          outputs: ['out'],
          input: false,
        };
      }
      const params: Record<string, unknown> = {
        url,
        qos,
        retain: node.retain === true || node.retain === 'true',
      };
      if (typeof node.topic === 'string' && node.topic !== '') params.topic = node.topic;
      return { use: '@plexus/components#MqttOut', params, outputs: [] };
    }
    case 'http request': {
      if (node.url !== undefined && node.url !== '')
        report.push(
          `${label}: its url ${str(node.url)} and method ${str(node.method)} go in each message to HttpClient ({ url, method }).`,
        );
      return { use: '@plexus/components#HttpClient', outputs: ['out'] };
    }
    case 'file': {
      const append = node.overwriteFile !== 'true' && node.overwriteFile !== true;
      if (node.appendNewline !== false)
        report.push(`${label} adds a line break after each message; WriteLines does the same.`);
      return {
        use:
          node.appendNewline === false
            ? '@plexus/components#WriteBytes'
            : '@plexus/components#WriteLines',
        params: { path: str(node.filename), append },
        outputs: [],
      };
    }
    case 'file in': {
      const lines = node.format === 'lines';
      return {
        use: lines ? '@plexus/components#ReadLines' : '@plexus/components#ReadChunks',
        params: { path: str(node.filename) },
        outputs: ['out'],
        input: false,
      };
    }
    case 'function':
      report.push(
        `${label} holds JavaScript, which a graph file cannot; write it as a component (or a JSONata Map) — it is left out.`,
      );
      return undefined;
    default:
      report.push(`${label} has no Plexus equivalent; it is left out.`);
      return undefined;
  }
}
