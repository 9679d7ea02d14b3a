import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

describe('the extension icon (media/icon.svg → PNG by scripts/icon.mjs)', () => {
  it('is a PNG of at least 128×128, the same bytes every time it is made', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-icon-'));
    try {
      const make = (name: string) => {
        const out = path.join(dir, name);
        execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/icon.mjs'), out]);
        return fs.readFileSync(out);
      };
      const a = make('a.png');
      assert.deepEqual(
        a.subarray(0, 8),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        'PNG signature',
      );
      const width = a.readUInt32BE(16);
      const height = a.readUInt32BE(20);
      assert.ok(width >= 128 && height >= 128, `${width}×${height}`);
      assert.ok(a.equals(make('b.png')), 'reproducible');
      const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
      assert.equal(manifest.icon, 'media/icon.png');
      assert.match(manifest.scripts['vscode:prepublish'], /scripts\/icon\.mjs/, 'made when the .vsix is packaged');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
