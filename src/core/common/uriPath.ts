/**
 * The one mapping between the editor's URIs and the core's paths. The core names files by absolute path (the CLI's
 * are the disk's); the extension turns each URI into one path and each path back into that URI, exactly, whatever the
 * window holds (several folders, a remote machine, a virtual file system):
 *
 * - a file of the extension host's own machine (`file:`, or `vscode-remote:` of the window's own remote) is its path
 *   there, so links, the CLI and error messages see the real path;
 * - any other URI is `/scheme:authority/path` (e.g. `/memfs:/macros/a.ccmacro.json`), so relative sample paths,
 *   catalogs above the macro and the snapshot beside it stay on the same file system;
 * - a local path whose first segment holds a `:` is written the second way too, so no local path reads as another
 *   file system's.
 */

/** A URI as the mapping needs it (vscode.Uri has these). */
export interface UriParts {
  scheme: string;
  authority: string;
  path: string;
}

/** What is on the extension host's own machine. */
export interface LocalFiles {
  /** The window's remote authority (`vscode.env.remoteAuthority`): its `vscode-remote:` URIs are local files. */
  remoteAuthority?: string;
  /** A local URI's path on this machine (vscode.Uri's fsPath). */
  fsPath(uri: UriParts): string;
}

/** A core path: a local one (`path` as this machine writes it), or a URI of another file system. */
type PathTarget = { local: true; path: string } | { local: false; uri: UriParts };

const ENCODED = /^[\\/]([A-Za-z][A-Za-z0-9+.-]*):([^\\/]*)([\\/].*)?$/;

export function isLocalUri(uri: UriParts, local: LocalFiles): boolean {
  return (
    uri.scheme === 'file' ||
    (uri.scheme === 'vscode-remote' && local.remoteAuthority !== undefined && uri.authority === local.remoteAuthority)
  );
}

export function corePathOf(uri: UriParts, local: LocalFiles): string {
  if (isLocalUri(uri, local)) {
    const p = local.fsPath(uri);
    if (!ENCODED.test(p)) return p;
  }
  const rest = uri.path.startsWith('/') ? uri.path : `/${uri.path}`;
  return `/${uri.scheme}:${uri.authority}${rest}`;
}

export function pathTargetOf(p: string): PathTarget {
  const m = ENCODED.exec(p);
  if (!m) return { local: true, path: p };
  return { local: false, uri: { scheme: m[1], authority: m[2], path: (m[3] ?? '/').replace(/\\/g, '/') } };
}
