/**
 * A scope: the children of the top-level graph or of one composite instance, and the
 * operations that build and change a graph — add, link, unlink, remove, pipeline. Names are
 * unique per scope; instance names carry their composites' names (`wc/split`).
 */

import type { AddOptions } from '../AddOptions.ts';
import type { CompositeScope, Definition, NodeHandle } from '../Definition.ts';
import { Errors } from '../errors.ts';
import type { PipelineNodes } from '../PipelineNodes.ts';
import { fullPolicy } from '../SupervisePolicy.ts';
import { specialize } from '../specialize.ts';
import type { InRef, LinkHandle, LinkOptions, OutRef, Placement } from '../types.ts';
import { ComponentRun } from './ComponentRun.ts';
import { CompositeRecord } from './CompositeRecord.ts';
import type { InboxImpl } from './InboxImpl.ts';
import { Junction } from './LogicalLink.ts';
import { NameIndex } from './NameIndex.ts';
import type { Network } from './Network.ts';
import { didYouMean, listNames, NAME } from './naming.ts';
import type { OutboxImpl } from './OutboxImpl.ts';
import { PortRef } from './PortRef.ts';
import { parseParams } from './parseParams.ts';
import { checkPlacement, placeChild } from './placement.ts';
import { connect, disconnect } from './wiring.ts';

type Child = ComponentRun | CompositeRecord;

/** The options of an `add` or `link` given none (shared: a graph of a million makes no object per call). */
const NO_OPTIONS = Object.freeze({});

export class ScopeImpl implements CompositeScope<any, any> {
  /** Its children by name (an index that stays cheap at a million names; see NameIndex). */
  readonly children = new NameIndex<Child>();

  constructor(
    readonly net: Network,
    /** `''` at the top level, else the composite's instance name and a slash: `wc/`. */
    readonly prefix: string,
    /** Names this scope in errors: `Graph 'main'` or `Composite 'wc' (WordCount)`. */
    readonly label: string,
    /** The composite whose inside this is, if any. */
    readonly owner: CompositeRecord | undefined,
    /** Placement children inherit unless they set their own. */
    readonly placement: Placement,
  ) {}

  add(name: string, declared: Definition, options: AddOptions<any> = NO_OPTIONS): NodeHandle<any> {
    let definition = declared;
    if (typeof name !== 'string' || !NAME.test(name) || name === 'self')
      throw Errors.badName('Component instance', name);
    if (this.children.has(name)) throw Errors.duplicateName(this.label, name);
    if (definition?.kind !== 'component' && definition?.kind !== 'graph') {
      throw Errors.badDefinition(
        `${this.label}: add('${name}', …)`,
        'the second argument is not a definition; pass what defineComponent() or defineGraph() returned',
      );
    }
    const full = this.prefix + name;
    const params = parseParams(full, definition, options.params);
    definition = specialize(definition, params);
    const placement = placeChild(
      this.placement,
      options,
      full,
      definition,
      this.owner === undefined ? undefined : `composite '${this.prefix.slice(0, -1)}'`,
    );
    const ownSandbox = (options.options as Record<string, unknown> | undefined)?.permissions;
    checkPlacement(this.net, full, definition, placement, ownSandbox === undefined);
    const supervise =
      options.supervise === undefined
        ? undefined
        : fullPolicy(
            options.supervise,
            `${definition.kind === 'component' ? 'component' : 'composite'} '${full}' (${definition.name})`,
          );
    if (definition.kind === 'component') {
      const run = new ComponentRun(this, full, definition, params, placement);
      run.supervise = supervise;
      this.net.adopt(run);
      this.children.set(name, run);
      return run;
    }
    const record = new CompositeRecord(full, definition, params, placement, this);
    record.supervise = supervise;
    const inner = new ScopeImpl(
      this.net,
      `${full}/`,
      `Composite '${full}' (${definition.name})`,
      record,
      {
        ...placement,
        group: placement.group ?? full,
      },
    );
    record.scope = inner;
    this.children.set(name, record);
    try {
      definition.build(inner, params);
    } catch (error) {
      this.remove(name);
      throw error;
    }
    return record;
  }

  link(
    from: OutRef<unknown> | string,
    to: InRef<unknown> | string,
    options: LinkOptions = NO_OPTIONS,
  ): LinkHandle {
    const { capacity, priority, durable } = options;
    if (capacity !== undefined && !(Number.isInteger(capacity) && capacity > 0)) {
      throw Errors.badLink(
        `Link ${String(from)} -> ${String(to)}: capacity must be a whole number above 0; got ${String(capacity)}.`,
      );
    }
    if (priority !== undefined && priority !== 'normal' && priority !== 'idle') {
      throw Errors.badLink(
        `Link ${String(from)} -> ${String(to)}: priority must be 'normal' or 'idle'; got ${String(priority)}.`,
      );
    }
    if (durable !== undefined && typeof durable !== 'boolean') {
      throw Errors.badLink(
        `Link ${String(from)} -> ${String(to)}: durable must be true or false; got ${String(durable)}.`,
      );
    }
    const source = typeof from === 'string' ? this.resolve(from, 'out') : this.portOf(from, 'out');
    const target = typeof to === 'string' ? this.resolve(to, 'in') : this.portOf(to, 'in');
    return connect(
      this.net,
      source as OutboxImpl | Junction,
      target as InboxImpl | Junction,
      capacity,
      priority === 'idle',
      durable === true,
    );
  }

  unlink(link: LinkHandle): void {
    disconnect(this.net, link);
  }

  remove(node: NodeHandle | string): void {
    const name = typeof node === 'string' ? node : node.name.slice(this.prefix.length);
    const child = this.children.get(name);
    if (child === undefined || (typeof node !== 'string' && child !== node))
      throw this.missing(name);
    this.children.delete(name);
    if (child instanceof ComponentRun) {
      for (const handle of [...this.net.logical]) {
        if (touches(handle.source, child) || touches(handle.target, child))
          disconnect(this.net, handle);
      }
      for (const box in child.outboxes)
        for (const link of [...child.outboxes[box]!.links]) disconnect(this.net, link);
      for (const box in child.inboxes)
        for (const link of [...child.inboxes[box]!.feeds]) disconnect(this.net, link);
      this.net.detach(child);
      child.halt('removed');
      for (const box in child.inboxes) child.inboxes[box]!.finish();
      return;
    }
    for (const inner of [...child.scope.children.keys()]) child.scope.remove(inner);
    for (const handle of [...this.net.logical]) {
      const ends = [handle.source, handle.target];
      if (
        ends.some(
          (end) =>
            end instanceof Junction &&
            [...child.inJunctions.values(), ...child.outJunctions.values()].includes(end),
        )
      ) {
        disconnect(this.net, handle);
      }
    }
  }

  /** Push every component instance in this scope, in the order added (composites walked in place). */
  leaves(into: ComponentRun[]): void {
    this.children.each((child) => {
      if (child instanceof CompositeRecord) child.scope.leaves(into);
      else into.push(child);
    });
  }

  node(name: string): NodeHandle<any> {
    const child = this.children.get(name);
    if (child === undefined) throw this.missing(name);
    return child;
  }

  pipeline<const N extends readonly NodeHandle<any>[]>(
    ...nodes: N & PipelineNodes<N>
  ): LinkHandle[] {
    const links: LinkHandle[] = [];
    for (let i = 1; i < nodes.length; i++) {
      const a = nodes[i - 1]!;
      const b = nodes[i]!;
      links.push(this.link(a.outbox(defaultBox(a, 'out')), b.inbox(defaultBox(b, 'in'))));
    }
    return links;
  }

  /** Inside a composite: its own inbox as a source. */
  inbox(box: string): OutRef<any> {
    return new PortRef('out', 'self', box, this.self('in', box));
  }

  /** Inside a composite: its own outbox as a target. */
  outbox(box: string): InRef<any> {
    return new PortRef('in', 'self', box, this.self('out', box));
  }

  private self(dir: 'in' | 'out', box: string): Junction {
    if (this.owner === undefined) {
      throw Errors.badLink(
        `${this.label} is not a composite, so it has no ${dir}box '${box}' of its own; link to a component's box instead.`,
      );
    }
    return this.owner.junction(dir, box);
  }

  /** `node.box` (or `self.box` inside a composite), as the source (`out`) or target (`in`) of a link. */
  protected resolve(ref: string, end: 'in' | 'out'): OutboxImpl | InboxImpl | Junction {
    const dot = ref.indexOf('.');
    if (dot <= 0 || dot === ref.length - 1) {
      throw Errors.badLink(
        `'${ref}' does not name a box; write it as 'component.box', e.g. 'split.${end}'.`,
      );
    }
    const name = ref.slice(0, dot);
    const box = ref.slice(dot + 1);
    if (name === 'self') return this.self(end === 'out' ? 'in' : 'out', box);
    const child = this.children.get(name);
    if (child === undefined) throw this.missing(name);
    const port = end === 'out' ? child.outbox(box) : child.inbox(box);
    return (port as unknown as PortRef).port;
  }

  protected portOf(
    ref: InRef<unknown> | OutRef<unknown>,
    end: 'in' | 'out',
  ): OutboxImpl | InboxImpl | Junction {
    if (!(ref instanceof PortRef)) {
      throw Errors.badLink(
        `link() takes box references from node.outbox(…)/node.inbox(…) or strings like 'split.in'; got ${String(ref)}.`,
      );
    }
    if (ref.kind !== end) {
      const wrong = ref.kind === 'in' ? 'an inbox' : 'an outbox';
      throw Errors.badLink(
        `link() goes from an outbox to an inbox, but its ${end === 'out' ? 'first' : 'second'} argument '${ref}' is ${wrong}.`,
      );
    }
    return ref.port;
  }

  private missing(name: string): Error {
    const names = [...this.children.keys()];
    return Errors.noSuchComponent(this.label, name, didYouMean(name, names), listNames(names));
  }
}

function defaultBox(node: NodeHandle, dir: 'in' | 'out'): string {
  const names = Object.keys(dir === 'in' ? node.definition.inboxes : node.definition.outboxes);
  if (names.includes(dir)) return dir;
  if (names.length === 1) return names[0]!;
  throw Errors.noDefaultBox(dir, node.name, node.definition.name, listNames(names));
}

function touches(end: OutboxImpl | InboxImpl | Junction, run: ComponentRun): boolean {
  return !(end instanceof Junction) && end.owner === run;
}
