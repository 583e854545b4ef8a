/**
 * The type of `pipeline`'s arguments: each node's default outbox (`out`, or its only one) must
 * carry messages the next node's default inbox (`in`, or its only one) accepts, exactly as
 * `link` checks one pair. A pair that does not fit marks the second node with a property naming
 * the mismatch, so the compiler's error says which types disagree.
 */
import type { InboxesOf, OutboxesOf } from './boxTypes.ts';
import type { MessageOf } from './types.ts';

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type IsAny<T> = 0 extends 1 & T ? true : false;

/** The name of a record's default box: `name` if it has one, else its only box. */
type DefaultKey<R, Name extends string> = Name extends keyof R
  ? Name
  : true extends IsUnion<keyof R>
    ? never
    : keyof R;

/**
 * The message type of a record's default box; `any` (not checked) when the record's type is not
 * known (a handle typed `NodeHandle`) or it has no single default box (an error at run time).
 */
type DefaultMessage<R, Name extends string> =
  IsAny<R> extends true
    ? any
    : [DefaultKey<R, Name>] extends [never]
      ? any
      : MessageOf<R[DefaultKey<R, Name>]>;

/** What a handle's default outbox sends. */
type DefaultOut<H> = H extends { readonly definition: infer D }
  ? DefaultMessage<OutboxesOf<D>, 'out'>
  : never;

/** What a handle's default inbox accepts. */
type DefaultIn<H> = H extends { readonly definition: infer D }
  ? DefaultMessage<InboxesOf<D>, 'in'>
  : never;

/** `H`, or `H` with a property no handle has, naming the mismatch, when `Prev`'s output does not fit it. */
type Fit<Prev, H> =
  IsAny<DefaultOut<Prev>> extends true
    ? H
    : [DefaultOut<Prev>] extends [DefaultIn<H>]
      ? H
      : H & {
          readonly 'pipeline: this node cannot take what the node before it sends': {
            sends: DefaultOut<Prev>;
            accepts: DefaultIn<H>;
          };
        };

/**
 * `pipeline`'s nodes, each checked against the one before it. A list whose length is not known
 * (a spread array) is checked only where its elements are known.
 */
export type PipelineNodes<N extends readonly unknown[], Prev = never> = N extends readonly [
  infer H,
  ...infer R,
]
  ? [[Prev] extends [never] ? H : Fit<Prev, H>, ...PipelineNodes<R, H>]
  : N;
