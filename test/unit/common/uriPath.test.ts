import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { corePathOf, pathTargetOf, type LocalFiles, type UriParts } from '../../../src/core/common/uriPath';

// The one URI ↔ path mapping of the extension: every URI a window can hold maps to one core path and back to the
// same URI, whatever the window's first folder is (multi-root), on a remote machine and on a virtual file system.
const desktop: LocalFiles = { fsPath: u => u.path };
const remote: LocalFiles = { remoteAuthority: 'ssh-remote+box', fsPath: u => u.path };

/** A path's URI as the extension makes it (workspace.ts uriForPath): another file system's as it is, else local. */
function back(p: string, local: LocalFiles): UriParts {
  const t = pathTargetOf(p);
  if (!t.local) return t.uri;
  return local.remoteAuthority
    ? { scheme: 'vscode-remote', authority: local.remoteAuthority, path: t.path }
    : { scheme: 'file', authority: '', path: t.path };
}

describe('the URI ↔ core path mapping (common/uriPath.ts)', () => {
  const cases: Array<[string, LocalFiles, UriParts, string]> = [
    ['a local file', desktop, { scheme: 'file', authority: '', path: '/ws/a.ccmacro.json' }, '/ws/a.ccmacro.json'],
    [
      "a file of the window's remote machine",
      remote,
      { scheme: 'vscode-remote', authority: 'ssh-remote+box', path: '/home/u/a.ccmacro.json' },
      '/home/u/a.ccmacro.json',
    ],
    [
      'a virtual file system (a second folder of a multi-root window)',
      desktop,
      { scheme: 'memfs', authority: '', path: '/macros/a.ccmacro.json' },
      '/memfs:/macros/a.ccmacro.json',
    ],
    [
      'a file system with an authority',
      remote,
      { scheme: 'vscode-vfs', authority: 'github', path: '/o/r/a.ccmacro.json' },
      '/vscode-vfs:github/o/r/a.ccmacro.json',
    ],
    [
      'another remote than the window’s',
      remote,
      { scheme: 'vscode-remote', authority: 'wsl+other', path: '/a.ccmacro.json' },
      '/vscode-remote:wsl+other/a.ccmacro.json',
    ],
    [
      'a local folder whose name looks like a scheme',
      desktop,
      { scheme: 'file', authority: '', path: '/memfs:/a.ccmacro.json' },
      '/file:/memfs:/a.ccmacro.json',
    ],
  ];
  for (const [what, local, uri, p] of cases) {
    it(`${what}: ${p}, and back to the same URI`, () => {
      assert.equal(corePathOf(uri, local), p);
      assert.deepEqual(back(p, local), uri);
    });
  }

  it('a sample path relative to a macro on another file system stays on that file system', () => {
    const macro = corePathOf({ scheme: 'memfs', authority: '', path: '/macros/a.ccmacro.json' }, desktop);
    const sample = path.posix.resolve(path.posix.dirname(macro), '../samples/s.json');
    assert.deepEqual(pathTargetOf(sample), {
      local: false,
      uri: { scheme: 'memfs', authority: '', path: '/samples/s.json' },
    });
  });
});
