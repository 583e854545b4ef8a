/**
 * A node's side of shipping code: the bundle (and its source map) named by `hash`, from the
 * node's cache (`<dir>/<hash>/`) or else from the object store, checked against the hash and
 * written aside then renamed, so a node never runs half a bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { BUNDLE_FILE } from '../bundleUnit.ts';
import { NatsErrors } from '../errors.ts';
import { BUNDLE_BUCKET } from './subjects.ts';

/** The path of the bundle's file; `fetched` is told when it had to be fetched. */
export async function fetchBundle(
  nc: NatsConnection,
  cache: string,
  hash: string,
  node: string,
  fetched: (bytes: number) => void,
): Promise<string> {
  const dir = join(cache, hash);
  const file = join(dir, BUNDLE_FILE);
  if (existsSync(file)) return file;
  const store = await new Objm(nc).open(BUNDLE_BUCKET);
  const [code, map] = await Promise.all([store.getBlob(hash), store.getBlob(`${hash}.map`)]);
  if (
    code === null ||
    map === null ||
    createHash('sha256').update(code).update(map).digest('hex') !== hash
  )
    throw NatsErrors.bundleMissing(hash, node);
  const partial = `${dir}.${process.pid}.part`;
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, `${BUNDLE_FILE}.map`), map);
  writeFileSync(join(partial, BUNDLE_FILE), code);
  try {
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true }); // fetched twice at once: one is kept
  }
  fetched(code.length);
  return file;
}
