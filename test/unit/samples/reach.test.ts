import * as assert from 'node:assert/strict';
import { createCcmacroService } from '../../../src/core';
import { ajvMacroSchema } from '../../../src/cli/schema';
import type { FileRead } from '../../../src/core/common/decode';
import { LineIndex } from '../../../src/core/common/text';
import type { SampleReach } from '../../../src/core/samples/reach';
import { renderMacroSnapshot } from '../../../src/core/snapshot/render';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

/** An in-memory disk that remembers every path it was asked about. */
class WatchedFileSystem extends InMemoryFileSystem {
  readonly asked: string[] = [];
  override async readFile(p: string): Promise<FileRead> {
    this.asked.push(p);
    return super.readFile(p);
  }
  override async exists(p: string): Promise<boolean> {
    this.asked.push(p);
    return super.exists(p);
  }
}

const MACRO = '/repo/macros/m.ccmacro.json';
const macro = (spec: string) =>
  [
    '{',
    '  "name": "M",',
    '  "request": { "method": "POST", "url": "https://x.test", "body": { "t": "((Title))" } },',
    `  "samples": [${JSON.stringify(spec)}]`,
    '}',
  ].join('\n');
const TREE = { root: '/repo', name: 'the repository' };
const files = () =>
  new WatchedFileSystem({
    '/secret.json': JSON.stringify([{ Title: 'TOPSECRET', Leaked: 1 }]),
    '/repo/macros/inside.json': JSON.stringify([{ Title: 'fine' }]),
    '/repo/macros/link.json': JSON.stringify([{ Title: 'TOPSECRET via link' }]),
  });

async function check(spec: string, reach: SampleReach | undefined, fs = files()) {
  const text = macro(spec);
  const service = createCcmacroService({ fs, macroSchema: ajvMacroSchema() });
  const { problems } = await service.validate({ path: MACRO, text }, { sampleReach: reach });
  const lines = new LineIndex(text);
  return {
    fs,
    problems: problems.map(p => {
      const at = lines.positionAt(p.range.start);
      return { code: p.code, severity: p.severity, at: `${at.line + 1}:${at.character + 1}`, message: p.message };
    }),
  };
}

describe('samples outside the tree', () => {
  it('refused: an error at the samples entry, and the file is never read or even looked at', async () => {
    for (const spec of ['../../secret.json', '/secret.json']) {
      const { fs, problems } = await check(spec, { tree: TREE, outside: 'refuse' });
      assert.deepEqual(
        problems.map(p => [p.code, p.severity, p.at]),
        [['sample/outside', 'error', '4:15']],
        JSON.stringify(problems),
      );
      assert.match(problems[0].message, /is outside the repository, so ccmacro does not read it.*--allow-outside /);
      assert.ok(!fs.asked.includes('/secret.json'), `asked about ${fs.asked.join(', ')}`);
    }
  });

  it('a link inside the tree that leads out is outside (where the host can tell where links lead)', async () => {
    const realPath = async (p: string) => (p === '/repo/macros/link.json' ? '/secret.json' : p);
    const { problems } = await check('link.json', { tree: TREE, outside: 'refuse', realPath });
    assert.deepEqual(
      problems.map(p => p.code),
      ['sample/outside'],
    );
    const inside = await check('inside.json', { tree: TREE, outside: 'refuse', realPath });
    assert.deepEqual(inside.problems, []);
  });

  it('the editor reads it and warns; allowed, it is read and nothing is said; without a reach, as before', async () => {
    const warned = await check('../../secret.json', { tree: TREE, outside: 'warn' });
    assert.deepEqual(
      warned.problems.map(p => [p.code, p.severity, p.at]),
      [['sample/outside', 'warning', '4:15']],
    );
    assert.match(warned.problems[0].message, /the preview reads it, but the Testing view and ccmacro test/);
    assert.ok(warned.fs.asked.includes('/secret.json'));
    assert.deepEqual((await check('../../secret.json', { tree: TREE, outside: 'allow' })).problems, []);
    assert.deepEqual((await check('../../secret.json', undefined)).problems, []);
  });

  it('a snapshot render refuses it at the macro, keeps its entries unknown, and never reads it', async () => {
    const fs = files();
    const text = macro('../../secret.json');
    const s = await renderMacroSnapshot(text, MACRO, fs, { sampleReach: { tree: TREE, outside: 'refuse' } });
    assert.deepEqual(s.items, []);
    assert.deepEqual(s.unreadSamples, ['../../secret.json']);
    assert.deepEqual(
      s.problems.map(p => [p.problem.code, p.path, new LineIndex(p.text!).positionAt(p.problem.range.start).line + 1]),
      [['sample/outside', MACRO, 4]],
    );
    assert.ok(!fs.asked.includes('/secret.json'));
  });
});
