import * as assert from 'node:assert/strict';
import {
  compareSnapshot,
  snapshotTextAccepting,
  testMacroSnapshot,
  textAddingNewItems,
} from '../../../src/core/snapshot/compare';
import { parseSnapshotFile } from '../../../src/core/snapshot/format';
import { renderMacroSnapshot } from '../../../src/core/snapshot/render';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

const MACRO = '/w/hook.ccmacro.json';
const SNAP = '/w/hook.snap.http';

function macro(body: Record<string, unknown>, samples = ['s.sample.json']): string {
  return JSON.stringify({ name: 'Hook', request: { method: 'POST', url: 'https://x.test', body }, samples });
}

function files(sample: unknown[], extra: Record<string, string> = {}): InMemoryFileSystem {
  return new InMemoryFileSystem({ '/w/s.sample.json': JSON.stringify(sample), ...extra });
}

const ITEMS = [{ Title: 'A' }, { Title: 'B' }];

describe('comparing with the snapshot', () => {
  it('with no snapshot every item is new, and the update writes them all', async () => {
    const fs = files(ITEMS);
    const r = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }));
    assert.deepEqual(
      r.items.map(i => i.status),
      ['new', 'new'],
    );
    assert.equal(r.upToDate, false);
    assert.equal(textAddingNewItems(r), r.updatedText);
    assert.deepEqual(
      parseSnapshotFile(r.updatedText!).items.map(i => i.key),
      ['s.sample.json [0]', 's.sample.json [1]'],
    );
  });

  it('passes when the render is the snapshot, and fails with both sides when it is not', async () => {
    const fs = files(ITEMS);
    const first = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }));
    fs.files.set(SNAP, first.updatedText!);
    const same = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }));
    assert.deepEqual(
      same.items.map(i => i.status),
      ['pass', 'pass'],
    );
    assert.equal(same.upToDate, true);
    assert.equal(textAddingNewItems(same), undefined);

    const changed = await testMacroSnapshot(fs, MACRO, macro({ t: 'ESCALATED ((Title))' }));
    assert.deepEqual(
      changed.items.map(i => i.status),
      ['fail', 'fail'],
    );
    const [a] = changed.items;
    assert.match(a.expected!, /"t": "A"/);
    assert.match(a.actual!, /"t": "ESCALATED A"/);
    assert.equal(a.snapshotLine, 4);
    assert.equal(textAddingNewItems(changed), undefined, 'a local run never overwrites a changed item');
    // Updating one item leaves the other's snapshot as it was.
    const one = snapshotTextAccepting(changed, r => r.item.key === 's.sample.json [1]')!;
    const blocks = parseSnapshotFile(one).items.map(i => i.block);
    assert.match(blocks[0], /"t": "A"/);
    assert.match(blocks[1], /"t": "ESCALATED B"/);
  });

  it('reports entries no item produces as obsolete; an update drops them, a local run keeps them', async () => {
    const fs = files(ITEMS);
    fs.files.set(SNAP, (await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }))).updatedText!);
    fs.files.set('/w/s.sample.json', JSON.stringify([{ Title: 'A' }]));
    const r = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }));
    assert.deepEqual(
      r.obsolete.map(o => [o.key, o.line]),
      [['s.sample.json [1]', 12]],
    );
    assert.equal(r.upToDate, false);
    assert.deepEqual(
      parseSnapshotFile(r.updatedText!).items.map(i => i.key),
      ['s.sample.json [0]'],
    );
  });

  it('an item that does not render keeps its entry; a sample that cannot be read keeps all of its entries', async () => {
    const fs = files(ITEMS);
    const good = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }));
    fs.files.set(SNAP, good.updatedText!);
    const broken = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title)) ((Nope))' }));
    assert.deepEqual(
      broken.items.map(i => i.status),
      ['error', 'error'],
    );
    assert.equal(broken.updatedText, good.updatedText, 'old entries stay');
    assert.deepEqual(broken.obsolete, []);

    fs.files.delete('/w/s.sample.json');
    const unread = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }));
    assert.deepEqual(unread.items, []);
    assert.deepEqual(unread.obsolete, [], 'not obsolete: unknown');
    assert.equal(unread.updatedText, good.updatedText);

    const unparsable = compareSnapshot(await renderMacroSnapshot('{', MACRO, fs), good.updatedText);
    assert.deepEqual(unparsable.obsolete, []);
    assert.equal(unparsable.updatedText, good.updatedText);
  });

  it('sample names with brackets: the entries of "beta [2] bugs" pass and stay theirs when "beta" cannot be read', async () => {
    const both = ['beta', 'beta [2] bugs.sample.json'];
    const fs = new InMemoryFileSystem({
      '/w/beta': JSON.stringify(ITEMS),
      '/w/beta [2] bugs.sample.json': JSON.stringify(ITEMS),
    });
    const first = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }, both));
    fs.files.set(SNAP, first.updatedText!);
    const again = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }, both));
    assert.deepEqual(
      again.items.map(i => [i.item.key, i.status]),
      [
        ['beta [0]', 'pass'],
        ['beta [1]', 'pass'],
        ['beta [2] bugs.sample.json [0]', 'pass'],
        ['beta [2] bugs.sample.json [1]', 'pass'],
      ],
    );
    assert.deepEqual(again.obsolete, []);
    // "beta" cannot be read: its entries are unknown (kept); "beta [2] bugs" lost an item: that one is obsolete.
    fs.files.delete('/w/beta');
    fs.files.set('/w/beta [2] bugs.sample.json', JSON.stringify([ITEMS[0]]));
    const partly = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }, both));
    assert.deepEqual(
      partly.obsolete.map(o => o.key),
      ['beta [2] bugs.sample.json [1]'],
    );
  });

  it('a new sample item is added to an existing snapshot without touching the others', async () => {
    const fs = files(ITEMS);
    fs.files.set(SNAP, (await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }))).updatedText!);
    fs.files.set('/w/s.sample.json', JSON.stringify([...ITEMS, { Title: 'C' }]));
    const r = await testMacroSnapshot(fs, MACRO, macro({ t: '((Title))' }));
    assert.deepEqual(
      r.items.map(i => i.status),
      ['pass', 'pass', 'new'],
    );
    const added = textAddingNewItems(r)!;
    assert.ok(added.startsWith((fs.files.get(SNAP) as string).slice(0, -1)), 'the old entries come first, unchanged');
    assert.deepEqual(
      parseSnapshotFile(added).items.map(i => i.key),
      ['s.sample.json [0]', 's.sample.json [1]', 's.sample.json [2]'],
    );
  });

  it('a snapshot with CRLF line endings still matches', async () => {
    const fs = files(ITEMS);
    fs.files.set(
      SNAP,
      (await testMacroSnapshot(fs, MACRO, macro({ t: 'line1\nline2 ((Title))' }))).updatedText!.replace(/\n/g, '\r\n'),
    );
    const r = await testMacroSnapshot(fs, MACRO, macro({ t: 'line1\nline2 ((Title))' }));
    assert.deepEqual(
      r.items.map(i => i.status),
      ['pass', 'pass'],
    );
  });
});
