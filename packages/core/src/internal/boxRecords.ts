/**
 * The `inboxes` and `outboxes` records of component instances: a definition's boxes as arrays,
 * and a constructor of records with exactly its box names, made once per definition.
 */
import type { ComponentDefinition } from '../Definition.ts';
import type { BoxSpec } from '../types.ts';
import type { InboxImpl } from './InboxImpl.ts';
import type { OutboxImpl } from './OutboxImpl.ts';

type BoxRecord<B> = new () => Record<string, B>;
type Boxes = {
  inboxes: [string, BoxSpec][];
  outboxes: [string, BoxSpec][];
  InboxRecord: BoxRecord<InboxImpl>;
  OutboxRecord: BoxRecord<OutboxImpl>;
};
const boxCache = new WeakMap<ComponentDefinition, Boxes>();

/**
 * A definition's boxes as arrays, and constructors of its `inboxes` and `outboxes` records,
 * made once per definition (adding an instance is hot).
 */
export function boxesOf(definition: ComponentDefinition): Boxes {
  let boxes = boxCache.get(definition);
  if (boxes === undefined) {
    boxes = {
      inboxes: Object.entries(definition.inboxes),
      outboxes: Object.entries(definition.outboxes),
      InboxRecord: recordOf(Object.keys(definition.inboxes)),
      OutboxRecord: recordOf(Object.keys(definition.outboxes)),
    };
    boxCache.set(definition, boxes);
  }
  return boxes;
}

/**
 * A constructor of records with these keys. V8 sizes a constructor's instances to the fields
 * they end up with (slack tracking), where every `{}` keeps room for four: a component with one
 * inbox and one outbox is 48 bytes lighter.
 */
function recordOf<B>(names: readonly string[]): BoxRecord<B> {
  return function BoxRecord(this: Record<string, B | undefined>) {
    for (const name of names) this[name] = undefined;
  } as unknown as BoxRecord<B>;
}
