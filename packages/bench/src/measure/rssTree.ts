/**
 * Resident memory of a process and all its descendants (threads included, since they share
 * their process's memory), read from Linux's /proc, sampled while a trial runs.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident kB of `pid`: in all, and the part backed by files (the node binary's code, mostly). */
function residentKb(pid: number): { rss: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), file: field('RssFile') };
}

function rssKb(pid: number): number {
  return residentKb(pid).rss;
}

function children(pid: number): number[] {
  const found: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    if (text !== '') for (const child of text.split(/\s+/)) found.push(Number(child));
  }
  return found;
}

/**
 * RSS in bytes of `pid` and its descendants now (`total`), of `pid` alone (`own`), and the
 * tree's resident memory with file-backed pages counted once (`shared`): every process's own
 * memory, plus the file-backed pages of the one with most. A sum of RSS counts pages that
 * processes share once per process, and every Node process maps the same ~40 MB of the node
 * binary; `shared` takes the largest such set for all of them (the others' are, nearly all, the
 * same pages).
 */
function treeRss(pid: number): { total: number; own: number; shared: number } {
  let total = 0;
  let own = 0;
  let files = 0;
  let largestFiles = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const next = stack.pop()!;
    try {
      const { rss, file } = residentKb(next);
      if (next === pid) own = rss * 1024;
      total += rss * 1024;
      files += file * 1024;
      largestFiles = Math.max(largestFiles, file * 1024);
      stack.push(...children(next));
    } catch {
      // It exited between two reads.
    }
  }
  return { total, own, shared: total - files + largestFiles };
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
  /** Highest resident memory of the whole tree, file-backed pages counted once (see treeRss). */
  sharedPeak = 0;
  readonly samples: number[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  start(pid: number, everyMs = 50): void {
    this.timer = setInterval(() => {
      const { total, own, shared } = treeRss(pid);
      if (total === 0) return;
      this.samples.push(total);
      this.peak = Math.max(this.peak, total);
      this.ownPeak = Math.max(this.ownPeak, own);
      this.sharedPeak = Math.max(this.sharedPeak, shared);
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
