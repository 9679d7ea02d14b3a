/**
 * A value made on first use and kept: `lazy(async () => (await import('../onFirstUse')).createSendFeature(services))`.
 * What sits behind an `import()` is not loaded at activation (scripts/build.mjs).
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
