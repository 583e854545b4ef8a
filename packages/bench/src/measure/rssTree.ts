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

/** RSS in bytes of `pid` and its descendants now; 0 for any that exited meanwhile. */
export function treeRss(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const next = stack.pop()!;
    try {
      total += rssKb(next) * 1024;
      stack.push(...children(next));
    } catch {
      // It exited between two reads.
    }
  }
  return total;
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

/** Samples a process tree's RSS every `everyMs` until stopped; keeps the peak and every sample. */
export class RssSampler {
  peak = 0;
  readonly samples: number[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  start(pid: number, everyMs = 50): void {
    this.timer = setInterval(() => {
      const rss = treeRss(pid);
      if (rss === 0) return;
      this.samples.push(rss);
      if (rss > this.peak) this.peak = rss;
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
