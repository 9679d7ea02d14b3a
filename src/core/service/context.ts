import type { CcmacroHost, FileSystemLike, HostStores, Logger } from '../host';
import { nullLogger } from '../host';
import type { ExternalDataFile } from '../tags/externalData';

/** A macro as the service's methods take it. */
export interface MacroDocument {
  /** Absolute path of the macro file: relative sample paths, catalogs and the snapshot are found from it. */
  path: string;
  text: string;
  /** The editor's document version: per-document work is kept for the version it was done for. */
  version?: number;
}

/** A value made on the first call and kept (a failed load may be tried again). */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make().catch(e => {
      made = undefined;
      throw e;
    });
    return made;
  };
}

/**
 * What the service knows before any of its work has run: the host, and what the host told it since (the editor's
 * list of macros, changes of tag inputs). The state the methods build (sample files, tag catalogs, the sender) is
 * ServiceState, made with them on their first call (service/state.ts).
 */
export class ServiceContext {
  readonly fs: FileSystemLike;
  readonly logger: Logger;
  /** Bumped when a tag catalog or sample file changed: per-document tag work is done again. */
  generation = 0;
  /** How to list every macro the host knows (their `returnValues` names are tags everywhere). */
  macroSource: (() => Promise<ExternalDataFile[]>) | undefined;
  /** Told when the macro source is set again after the methods' state was made. */
  onMacroSource: ((load: () => Promise<ExternalDataFile[]>) => void) | undefined;

  constructor(readonly host: CcmacroHost) {
    this.fs = host.fs;
    this.logger = host.logger ?? nullLogger;
  }

  /** The host's stores, or a clear failure for a host that keeps none (the CLI). */
  stores(): HostStores {
    if (!this.host.stores) throw new Error('This ccmacro host keeps no state between sessions (no stores were given).');
    return this.host.stores;
  }
}
