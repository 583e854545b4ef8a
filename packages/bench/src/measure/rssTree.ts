/**
 * Resident memory of a process and all its descendants (threads included, since they share
 * their process's memory), read from Linux's /proc, sampled while a trial runs.
 */
import { readdirSync, readFileSync } from 'node:fs';

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  return match === null ? 0 : Number(match[1]);
}

function children(pid: number): number[] {
  const found: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    if (text !== '') for (const child of text.split(/\s+/)) found.push(Number(child));
  }
  return found;
}

/** RSS in bytes of `pid` and its descendants now (`total`), and of `pid` alone (`own`). */
export function treeRss(pid: number): { total: number; own: number } {
  let total = 0;
  let own = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const next = stack.pop()!;
    try {
      const rss = rssKb(next) * 1024;
      if (next === pid) own = rss;
      total += rss;
      stack.push(...children(next));
    } catch {
      // It exited between two reads.
    }
  }
  return { total, own };
}

/** Whether this platform has /proc to sample (Linux). */
export function canSampleRss(): boolean {
  try {
    rssKb(process.pid);
    return true;
  } catch {
    return false;
  }
}

/** Samples a process tree's RSS every `everyMs` until stopped; keeps the peaks and every sample. */
export class RssSampler {
  /** Highest RSS of the whole tree. */
  peak = 0;
  /** Highest RSS of the root process alone. */
  ownPeak = 0;
  readonly samples: number[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  start(pid: number, everyMs = 50): void {
    this.timer = setInterval(() => {
      const { total, own } = treeRss(pid);
      if (total === 0) return;
      this.samples.push(total);
      this.peak = Math.max(this.peak, total);
      this.ownPeak = Math.max(this.ownPeak, own);
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
