import * as assert from 'node:assert/strict';
import { isInsideTree, linkOnTheWay, type PathKind } from '../../../src/core/common/tree';
import { compareSnapshot, snapshotTextAccepting, testMacroSnapshot } from '../../../src/core/snapshot/compare';
import { MAX_SNAPSHOT_BYTES, snapshotPathProblem, snapshotSizeProblem } from '../../../src/core/snapshot/guard';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

const TREE = { root: '/repo', name: 'the repository' };
const shown = (p: string) => p.replace('/repo/', '');
const kinds = (map: Record<string, PathKind>) => async (p: string) => map[p];

describe('where snapshots may be read and written', () => {
  it('a path is inside the tree by its path, .. and absolute paths resolved', () => {
    assert.ok(isInsideTree('/repo', '/repo/a/b.snap.http'));
    assert.ok(isInsideTree('/repo', '/repo'));
    assert.ok(!isInsideTree('/repo', '/repo/../outside/x'));
    assert.ok(!isInsideTree('/repo', '/repository/x'));
    assert.ok(!isInsideTree('/repo', '/etc/passwd'));
    assert.ok(isInsideTree('/repo', '/repo/..x/y'), 'a folder named "..x" is inside');
  });

  it('finds the first link on the way, and stops where nothing is', async () => {
    const kindOf = kinds({ '/repo/a': 'folder', '/repo/a/b': 'link', '/repo/a/b/c': 'file' });
    assert.equal(await linkOnTheWay('/repo', '/repo/a/b/c', kindOf), '/repo/a/b');
    assert.equal(await linkOnTheWay('/repo', '/repo/x/y', kindOf), undefined);
  });

  it('refuses a snapshot that is a link, in a linked folder, outside the tree or not a file; says why at it', async () => {
    const kindOf = kinds({
      '/repo/m': 'folder',
      '/repo/m/a.snap.http': 'link',
      '/repo/shared': 'link',
      '/repo/m/dir.snap.http': 'folder',
      '/repo/m/ok.snap.http': 'file',
    });
    const at = async (p: string) => (await snapshotPathProblem(p, TREE, kindOf, shown))?.problem;
    const link = await at('/repo/m/a.snap.http');
    assert.equal(link?.code, 'snapshot/link');
    assert.match(link!.message, /^m\/a\.snap\.http is a symbolic link, and ccmacro never reads or writes/);
    assert.match((await at('/repo/shared/b.snap.http'))!.message, /^The folder shared is a symbolic link/);
    assert.equal((await at('/repo/m/dir.snap.http'))?.code, 'snapshot/not-a-file');
    assert.equal((await at('/elsewhere/x.snap.http'))?.code, 'snapshot/outside');
    const noTree = await snapshotPathProblem('/repo/m/ok.snap.http', undefined, kindOf, shown);
    assert.equal(noTree?.problem.code, 'snapshot/outside', 'no tree holds it');
    assert.match(noTree!.problem.message, /is outside every workspace folder/);
    assert.equal(await at('/repo/m/ok.snap.http'), undefined);
    assert.equal(await at('/repo/m/new.snap.http'), undefined, 'a snapshot not written yet');
    const p = (await snapshotPathProblem('/repo/m/a.snap.http', TREE, kindOf, shown))!;
    assert.deepEqual([p.path, p.text, p.problem.range], ['/repo/m/a.snap.http', '', { start: 0, end: 0 }]);
  });

  it('writes at most the bytes ccmacro reads: 10 MB of UTF-8 is written, one byte more is not', () => {
    assert.equal(MAX_SNAPSHOT_BYTES, 10 * 1024 * 1024);
    const file = '/repo/m.snap.http';
    assert.equal(snapshotSizeProblem(file, 'a'.repeat(MAX_SNAPSHOT_BYTES), shown), undefined);
    const over = snapshotSizeProblem(file, 'a'.repeat(MAX_SNAPSHOT_BYTES + 1), shown);
    assert.equal(over?.problem.code, 'snapshot/too-large');
    assert.match(
      over!.problem.message,
      /would be 10,485,761 bytes, over the 10 MB ccmacro reads, so it is not written/,
    );
    // Counted in UTF-8 bytes, not characters: é is two.
    const half = 'é'.repeat(MAX_SNAPSHOT_BYTES / 2);
    assert.equal(snapshotSizeProblem(file, half, shown), undefined);
    assert.equal(snapshotSizeProblem(file, half + 'a', shown)?.problem.code, 'snapshot/too-large');
  });

  it('a refused snapshot is not read, its items are not compared, and nothing is to be written', async () => {
    const fs = new InMemoryFileSystem({
      '/repo/s.json': JSON.stringify([{ Title: 'A' }]),
      '/repo/m.snap.http': '### s.json [0] A\nsecret behind the link',
    });
    const text = JSON.stringify({
      name: 'M',
      request: { method: 'POST', url: 'https://x.test', body: { t: '((Title))' } },
      samples: ['s.json'],
    });
    const refused = (await snapshotPathProblem(
      '/repo/m.snap.http',
      TREE,
      kinds({ '/repo/m.snap.http': 'link' }),
      shown,
    ))!;
    let asked = '';
    const r = await testMacroSnapshot(fs, '/repo/m.ccmacro.json', text, {
      guard: async p => {
        asked = p;
        return refused;
      },
    });
    assert.equal(asked, '/repo/m.snap.http');
    assert.equal(r.refused, refused);
    assert.equal(r.snapshotText, undefined, 'not read');
    assert.deepEqual(
      r.items.map(i => i.status),
      ['unchecked'],
    );
    assert.deepEqual([r.updatedText, r.upToDate, r.obsolete], [undefined, true, []]);
    assert.equal(
      snapshotTextAccepting(r, () => true, true),
      undefined,
    );
    assert.equal(compareSnapshot(r.snapshot, undefined).items[0].status, 'new', 'the same render, not refused');
  });
});
