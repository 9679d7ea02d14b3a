/**
 * A value made on first use and kept: `lazy(() => import('./send').then(m => m.create(services)))`. The build
 * turns such imports of a feature's index.ts into a separate chunk (scripts/build.mjs), so activation does not
 * parse it.
 */
export function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make().catch(e => {
      made = undefined; // a failed load may succeed later (e.g. after a reinstall)
      throw e;
    });
    return made;
  };
}
