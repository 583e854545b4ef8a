/**
 * A coordinator's side of shipping code: put a bundle and its source map in the object store
 * under its hash, unless a bundle of that hash is there already (from this coordinator or
 * another): a bundle is sent once for any number of runs.
 */
import { Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Bundle } from '../bundleUnit.ts';
import { BUNDLE_BUCKET } from './subjects.ts';

/** An uploader for `nc`; `uploads()` counts the bundles it actually sent. */
export function bundleUploader(nc: NatsConnection): {
  upload(bundle: Bundle): Promise<void>;
  uploads(): number;
} {
  let uploads = 0;
  const uploaded = new Map<string, Promise<void>>();
  return {
    upload({ hash, code, map }) {
      let done = uploaded.get(hash);
      if (done === undefined) {
        done = (async () => {
          const objm = new Objm(nc);
          const store = await objm.create(BUNDLE_BUCKET).catch(() => objm.open(BUNDLE_BUCKET));
          if ((await store.info(hash)) !== null) return;
          await store.putBlob({ name: `${hash}.map` }, map);
          // The code last: a node that finds it finds the map too.
          await store.putBlob({ name: hash }, code);
          uploads++;
        })();
        uploaded.set(hash, done);
        done.catch(() => uploaded.delete(hash));
      }
      return done;
    },
    uploads: () => uploads,
  };
}
