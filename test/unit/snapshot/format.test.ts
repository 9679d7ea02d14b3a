import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  blockKey,
  formatSnapshotBlock,
  formatSnapshotFile,
  itemKey,
  macroPathForSnapshot,
  parseSnapshotFile,
  snapshotPathFor,
  type SnapshotRequest,
} from '../../../src/core/snapshot/format';

const request = (bodyText?: string): SnapshotRequest => ({
  method: 'POST',
  url: 'https://x.test/hook?id=1',
  headers: [{ name: 'Content-Type', value: 'text/plain' }],
  ...(bodyText !== undefined ? { bodyText } : {}),
});

describe('snapshot format', () => {
  it('keeps one snapshot file next to each macro, and finds the macro of a snapshot', () => {
    assert.equal(snapshotPathFor('/w/ex/slack.ccmacro.json'), '/w/ex/slack.snap.http');
    assert.equal(macroPathForSnapshot('/w/ex/slack.snap.http'), '/w/ex/slack.ccmacro.json');
    assert.equal(macroPathForSnapshot('/w/ex/slack.http'), undefined);
    assert.ok(!snapshotPathFor('/w/a.ccmacro.json').endsWith('.json'), 'never mistaken for JSON or a macro');
  });

  it('writes an item as an HTTP message: key and label, request line, headers, blank line, body', () => {
    const block = formatSnapshotBlock({
      key: itemKey('samples/bugs.sample.json', 2),
      label: 'Crash  on\nexport',
      request: request('{\n  "a": 1\n}'),
    });
    assert.equal(
      block,
      [
        '### samples/bugs.sample.json [2] Crash on export',
        'POST https://x.test/hook?id=1',
        'Content-Type: text/plain',
        '',
        '{',
        '  "a": 1',
        '}',
      ].join('\n'),
    );
    assert.equal(blockKey(block), 'samples/bugs.sample.json [2]');
  });

  it('leaves the body out when there is none, and says so when it is empty', () => {
    const none = formatSnapshotBlock({ key: 'k [0]', request: request() });
    assert.equal(none, '### k [0]\nPOST https://x.test/hook?id=1\nContent-Type: text/plain');
    const empty = formatSnapshotBlock({ key: 'k [0]', request: request('') });
    assert.ok(empty.endsWith('\n\n# (empty body)'));
    assert.notEqual(none, empty);
  });

  it('shows control characters and a final line feed visibly, and escapes content lines that start with #', () => {
    const block = formatSnapshotBlock({
      key: 'k [0]',
      request: request('### Steps\r\n#1 \\# ok\u0007\u0085\u2028end\n'),
    });
    const body = block.split('\n').slice(4);
    // CR and BEL as their pictures, C1 and Unicode ones as \uHHHH, the backslash before # as \u005c (else it
    // would read as the escape of that #), the final line feed as ␊.
    assert.deepEqual(body, ['\\### Steps␍', '\\#1 \\u005c# ok␇\\u0085\\u2028end␊']);
    assert.ok(!/[\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(block), 'no raw control character');
    // a body that ends in a line feed and one that does not are different snapshots
    assert.notEqual(
      formatSnapshotBlock({ key: 'k [0]', request: request('x\n') }),
      formatSnapshotBlock({ key: 'k [0]', request: request('x') }),
    );
  });

  it('writes return values as comment lines after the request', () => {
    const block = formatSnapshotBlock({
      key: 'k [0]',
      request: request('{}'),
      returnValues: { from: "from the sample's response, status 201", lines: ['Jira Key = BETA-1 (from key)'] },
    });
    assert.ok(
      block.endsWith(
        "{}\n\n# Return values Centercode would save (from the sample's response, status 201):\n#   Jira Key = BETA-1 (from key)",
      ),
    );
  });

  it('a file is a fixed preamble and the blocks, LF only, one final line feed, no dates', () => {
    const a = formatSnapshotBlock({ key: 's [0]', label: 'A', request: request('a') });
    const b = formatSnapshotBlock({ key: 's [1]', label: 'B', request: request() });
    const file = formatSnapshotFile('/w/x/slack.ccmacro.json', [a, b]);
    assert.ok(file.startsWith('# ccmacro request snapshots of slack.ccmacro.json'));
    assert.ok(file.endsWith('\n') && !file.endsWith('\n\n'));
    assert.ok(!file.includes('\r'));
    assert.ok(!/\d{4}-\d{2}-\d{2}/.test(file), 'no date');
    assert.equal(formatSnapshotFile('/other/place/slack.ccmacro.json', [a, b]), file, 'the same wherever it runs');
    const parsed = parseSnapshotFile(file);
    assert.deepEqual(
      parsed.items.map(i => [i.key, i.block, i.line]),
      [
        ['s [0]', a, 4],
        ['s [1]', b, 10],
      ],
    );
  });

  it('reads a snapshot back after a checkout turned its line endings into CRLF', () => {
    const a = formatSnapshotBlock({ key: 's [0]', request: request('line 1\nline 2') });
    const file = formatSnapshotFile('/w/m.ccmacro.json', [a]).replace(/\n/g, '\r\n');
    assert.deepEqual(
      parseSnapshotFile(file).items.map(i => i.block),
      [a],
    );
  });

  it('any body round-trips: the blocks read back are the blocks written', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            body: fc.option(fc.string({ unit: 'grapheme-composite', maxLength: 60 }), { nil: undefined }),
            label: fc.string({ maxLength: 20 }),
            spec: fc.constantFrom('samples/a.sample.json', 'builtin:feedback', 'b c.json'),
          }),
          { maxLength: 5 },
        ),
        fc.string({ maxLength: 10 }).map(s => `### x [1] ${s}\n# c\n\\###`),
        (items, tricky) => {
          const blocks = items.map((it, i) =>
            formatSnapshotBlock({
              key: itemKey(it.spec, i),
              label: it.label,
              request: request(it.body === undefined ? undefined : it.body + tricky),
            }),
          );
          const parsed = parseSnapshotFile(formatSnapshotFile('/w/m.ccmacro.json', blocks));
          assert.deepEqual(
            parsed.items.map(p => p.block),
            blocks,
          );
          assert.deepEqual(
            parsed.items.map(p => p.key),
            items.map((it, i) => itemKey(it.spec, i)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
