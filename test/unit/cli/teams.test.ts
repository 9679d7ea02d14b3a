import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../root';

const CLI = path.join(REPO_ROOT, 'bin', 'ccmacro.js');

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '' }, timeout: 30_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
    );
  });
}

/** A Teams macro (its URL from CCMACRO_SECRET_TEAMS_URL is never needed: sends go to --url) with `body` as its card. */
function teamsMacro(body: unknown[]): string {
  return `{
  "name": "Teams CLI",
  "target": "teams",
  "request": {
    "method": "POST",
    "url": "https://example.invalid/teams",
    "body": {
      "type": "message",
      "attachments": [
        {
          "contentType": "application/vnd.microsoft.card.adaptive",
          "content": {
            "type": "AdaptiveCard",
            "version": "1.4",
            "body": ${JSON.stringify(body)}
          }
        }
      ]
    }
  },
  "samples": ["sample.json"]
}
`;
}

describe('Teams in the CLI (processes)', function () {
  this.timeout(60_000);
  let dir: string;
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };

  before(() => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-teams-'));
    write('sample.json', JSON.stringify([{ Title: '**Crash** [x](https://evil.test)' }]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ccmacro validate reports card problems at path:line:col and exits 1 on an error', async () => {
    const good = write('good.ccmacro.json', teamsMacro([{ type: 'TextBlock', text: '((Title))' }]));
    assert.deepEqual(await run(['validate', good], dir), {
      code: 0,
      stdout: '1 file checked: no problems\n',
      stderr: '',
    });
    const bad = write(
      'bad.ccmacro.json',
      teamsMacro([
        { type: 'TextBlok', text: '((Title))' },
        { type: 'Input.ChoiceSet', id: 'c' },
      ]),
    );
    const r = await run(['validate', bad], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /^bad\.ccmacro\.json:15:30: warning: Unknown element type "TextBlok"\. Fallback will be used if present\. Did you mean "TextBlock"\? \[render\/teams-unknown-element-type\]$/m,
    );
    assert.match(
      r.stdout,
      /^bad\.ccmacro\.json:15:\d+: error: An Input\.ChoiceSet must have at least one choice defined\. \[render\/teams-collection-cant-be-empty\]$/m,
    );
  });

  it('ccmacro render prints the body with values escaped for the card, and the card problems on stderr', async () => {
    const bad = write('render.ccmacro.json', teamsMacro([{ type: 'TextBlok', text: '((Title))' }]));
    const r = await run(['render', bad], dir);
    assert.equal(r.code, 0, r.stderr);
    const text = JSON.parse(r.stdout).attachments[0].content.body[0].text;
    assert.equal(text, '\\*\\*Crash\\*\\* [\u2060x]\u2060(https://evil.test)');
    assert.match(r.stderr, /render\.ccmacro\.json:15:30: warning: Unknown element type "TextBlok"/);
  });

  it('ccmacro render: a card error the service would refuse is printed, the body too, and the exit code is 1', async () => {
    const bad = write('render-error.ccmacro.json', teamsMacro([{ type: 'Input.ChoiceSet', id: 'c', choices: [] }]));
    const r = await run(['render', bad], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout).attachments[0].content.body[0].type, 'Input.ChoiceSet');
    assert.match(
      r.stderr,
      /error: An Input\.ChoiceSet must have at least one choice defined\. \[render\/teams-collection-cant-be-empty\]/,
    );
  });

  it('ccmacro send to ccmacro receive under /teams/: a broken card gets 400 and exit 1, a good one 202 and exit 0', async () => {
    const child = spawn(process.execPath, [CLI, 'receive', '--count', '2'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise(resolve => child.on('exit', resolve));
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', c => {
        out += c;
        const m = /Listening on (http:\/\/127\.0\.0\.1:\d+) .*Teams checks under/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', code => reject(new Error(`exited ${code}: ${out}`)));
    });
    const bad = write('send-bad.ccmacro.json', teamsMacro([{ type: 'Input.ChoiceSet', id: 'c' }]));
    const refused = await run(['send', bad, '--url', `${url}/teams/x`], dir);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /HTTP\/1\.1 400 Bad Request/);
    assert.match(
      refused.stdout,
      /Teams would not show this message:\n- attachments\[0\]\.content\.body\[0\]\.choices: An Input\.ChoiceSet/,
    );
    const good = write('send-good.ccmacro.json', teamsMacro([{ type: 'TextBlock', text: '((Title))' }]));
    const accepted = await run(['send', good, '--url', `${url}/teams/x`], dir);
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    assert.match(accepted.stdout, /HTTP\/1\.1 202 Accepted/);
    assert.equal(await exited, 0);
    assert.match(out, /POST \/teams\/x → answered 400\n {2}Teams would not show this message:/);
    assert.match(
      out,
      /\(A real Teams Workflow answers 202 to every request and posts the card afterwards; a broken card only fails later, in the flow's run history; this test receiver is stricter and answers 400 now\)/,
    );
    assert.match(out, /POST \/teams\/x → answered 202\n/);
  });
});
