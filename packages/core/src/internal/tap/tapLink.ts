/**
 * A tap on one physical link: while any listener is on it, the link's `push` is wrapped (an
 * own property of that one link object, shadowing the prototype's), so every other link keeps
 * the plain method and pays nothing. A listener gets a sample when its clock allows — one
 * timer per sample, none while idle — rendered as bounded text inside the push. A message the
 * link drops (its receiver has gone) did not go into it and is not sampled.
 */
import type { TapOptions, TapSample } from '../../inspect.ts';
import type { Link } from '../Link.ts';
import { sampleText } from './sampleText.ts';

const TAP_EVERY = 100;
const TAP_MAX_CHARS = 1000;

type Listener = (sample: TapSample) => void;

interface Sampler {
  readonly every: number;
  readonly maxChars: number;
  readonly listener: Listener;
  ready: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const taps = new WeakMap<Link, Set<Sampler>>();

/** The limits a tap actually uses: defaults filled in, and held within their bounds. */
export function tapLimits(options: TapOptions): { every: number; maxChars: number } {
  const every = Math.max(10, Math.floor(options.every ?? TAP_EVERY));
  const maxChars = Math.min(100_000, Math.max(16, Math.floor(options.maxChars ?? TAP_MAX_CHARS)));
  return {
    every: Number.isFinite(every) ? every : TAP_EVERY,
    maxChars: Number.isFinite(maxChars) ? maxChars : TAP_MAX_CHARS,
  };
}

/** Sample what goes into `link` for `listener`; returns the function that removes the tap. */
export function tapLink(link: Link, options: TapOptions, listener: Listener): () => void {
  const sampler: Sampler = { ...tapLimits(options), listener, ready: true, timer: undefined };
  let samplers = taps.get(link);
  if (samplers === undefined) {
    samplers = new Set();
    taps.set(link, samplers);
    wrapPush(link, samplers);
  }
  samplers.add(sampler);
  return () => {
    if (sampler.timer !== undefined) clearTimeout(sampler.timer);
    if (!samplers.delete(sampler) || samplers.size > 0) return;
    taps.delete(link);
    delete (link as { push?: unknown }).push;
  };
}

function wrapPush(link: Link, samplers: Set<Sampler>): void {
  const push = Object.getPrototypeOf(link).push as Link['push'];
  link.push = function tappedPush(this: Link, message: unknown): void {
    const sent = this.sent;
    push.call(this, message);
    // Dropped (the receiver has gone, as when a run stops): it never went into the link.
    if (this.sent === sent) return;
    for (const sampler of samplers) if (sampler.ready) take(sampler, this, message);
  };
}

function take(sampler: Sampler, link: Link, message: unknown): void {
  sampler.ready = false;
  sampler.timer = setTimeout(() => {
    sampler.timer = undefined;
    sampler.ready = true;
  }, sampler.every);
  (sampler.timer as { unref?: () => void }).unref?.();
  try {
    const { text, truncated } = sampleText(message, sampler.maxChars);
    sampler.listener({ link: link.id, at: Date.now(), seq: link.sent, text, truncated });
  } catch {
    // A listener's failure must never reach the sender.
  }
}
