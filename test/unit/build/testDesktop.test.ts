import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

// `npm run test:desktop` where VS Code cannot be downloaded (no network: here a proxy that refuses every connection,
// so the test never downloads, with or without a network): one line says why and what to run instead, then the
// summary line, exit 1.
describe('npm run test:desktop without a network', function () {
  this.timeout(60000);

  it('says in one line that it needs to download VS Code and that npm test is the offline suite, then a summary line', async () => {
    // A port nothing listens on: taken, then freed.
    const port = await new Promise<number>(resolve => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-vscode-cache-'));
    try {
      const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/test-desktop.mjs')], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          CCMACRO_HOST_SKIP_BUILD: '1',
          CCMACRO_VSCODE_CACHE: path.join(cache, 'vscode'),
          npm_config_proxy: `http://127.0.0.1:${port}`,
          npm_config_https_proxy: `http://127.0.0.1:${port}`,
        },
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      const said = r.stderr.split('\n').filter(l => l.startsWith('test:desktop'));
      assert.equal(said.length, 1, r.stderr);
      assert.match(
        said[0],
        /^test:desktop needs to download VS Code 1\.100\.3 into .*\/vscode\/ and could not \(.+\); npm test is the offline suite/,
      );
      assert.match(r.stdout, /^desktop: 0 passed, 1 failed, 0 skipped\n$/m);
      assert.ok(!fs.existsSync(path.join(cache, 'vscode', 'vscode-linux-x64-1.100.3')), 'nothing downloaded');
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});
