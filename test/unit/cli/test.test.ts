import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { REPO_ROOT } from '../../root';

const BIN = path.join(REPO_ROOT, 'bin/ccmacro.js');
const SLACK = 'slack-escalate-blocker.ccmacro.json';
const SECRET_URL = 'https://hooks.slack.com/services/T0/B0/SEKRET-not-in-any-snapshot';

function ccmacro(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'test', ...args], {
    cwd,
    env: { PATH: process.env.PATH, CCMACRO_SECRET_SLACK_WEBHOOK_URL: SECRET_URL, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function assertValidJunit(xml: string): Promise<void> {
  const schema = fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/junit/junit-10.xsd'), 'utf8');
  const r = await validateXML({
    xml: { fileName: 'report.xml', contents: xml },
    schema: { fileName: 'junit-10.xsd', contents: schema },
  });
  assert.ok(r.valid, `JUnit report is valid against junit-10.xsd: ${r.errors.map(e => e.message).join('; ')}\n${xml}`);
}

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex(l => l.includes(needle)) + 1;
}

describe('ccmacro test (process)', function () {
  this.timeout(60000);
  let dir = '';
  beforeEach(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build first: node scripts/build.mjs');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccmacro-test-'));
    fs.cpSync(path.join(REPO_ROOT, 'examples'), dir, {
      recursive: true,
      filter: src => !src.endsWith('.snap.http'),
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--update writes a readable snapshot per macro; --ci then passes; no secret is ever read into them', () => {
    const w = ccmacro(['--update'], dir);
    assert.equal(w.code, 0, w.out + w.err);
    const snaps = fs.readdirSync(dir).filter(f => f.endsWith('.snap.http'));
    assert.deepEqual(snaps.sort(), [
      'azure-devops-create-work-item.snap.http',
      'azure-devops-update-work-item.snap.http',
      'jira-create-issue.snap.http',
      'jira-env-create-issue.snap.http',
      'jira-env-update-issue.snap.http',
      'jira-update-issue.snap.http',
      'post-issue-to-teams.snap.http',
      'salesforce-create-case.snap.http',
      'slack-escalate-blocker.snap.http',
      'welcome-new-tester.snap.http',
    ]);
    const slack = fs.readFileSync(path.join(dir, 'slack-escalate-blocker.snap.http'), 'utf8');
    assert.match(slack, /^### samples\/slack-escalate-blocker\.sample\.json \[2\] Sync stops/m);
    assert.match(slack, /^POST \$\{secret:SLACK_WEBHOOK_URL\}$/m);
    assert.match(slack, /^ {2}"text": "Blocker #10432: App crashes when exporting a report to PDF",$/m);
    assert.ok(!slack.includes('SEKRET') && !slack.includes('\r'));
    const jira = fs.readFileSync(path.join(dir, 'jira-create-issue.snap.http'), 'utf8');
    assert.match(jira, /^# {3}Jira Key = BETA-123 \(from key\)$/m);

    const ci = ccmacro(['--ci'], dir);
    assert.equal(ci.code, 0, ci.out + ci.err);
    assert.match(ci.out, /Snapshots: 14 passed, 0 failed \(10 macros\)/);
    assert.ok(!ci.out.includes('\x1b['), 'no colour when stdout is not a terminal');
  });

  it('a changed Slack text fails with the diff of the new words; junit and github carry the failure', async () => {
    assert.equal(ccmacro(['--update'], dir).code, 0);
    const file = path.join(dir, SLACK);
    const text = fs
      .readFileSync(file, 'utf8')
      .replace('"Blocker #((Feedback ID)): ((Title))"', '"ESCALATED #((Feedback ID)): ((Title))"');
    fs.writeFileSync(file, text);

    const human = ccmacro(['--ci'], dir);
    assert.equal(human.code, 1, human.out);
    assert.match(human.out, /^- {2}"text": "Blocker #10432: App crashes when exporting a report to PDF",$/m);
    assert.match(human.out, /^\+ {2}"text": "ESCALATED #10432: App crashes when exporting a report to PDF",$/m);
    assert.match(human.out, /^\+ {2}"text": "ESCALATED #10448: Login loops/m);
    assert.match(human.out, /^--- slack-escalate-blocker\.snap\.http \(snapshot\)$/m);
    assert.match(human.out, /Snapshots: 11 passed, 3 failed/);
    assert.match(human.out, /ccmacro test --update/);

    const junit = ccmacro(['--reporter', 'junit'], dir);
    assert.equal(junit.code, 1);
    await assertValidJunit(junit.out);
    assert.match(junit.out, /<testsuites name="ccmacro test" tests="14" failures="3" errors="0">/);
    assert.match(
      junit.out,
      /<testcase classname="slack-escalate-blocker\.ccmacro\.json" name="samples\/slack-escalate-blocker\.sample\.json \[0\] App crashes when exporting a report to PDF">\n {6}<failure message="the request differs from its snapshot" type="snapshot-mismatch">/,
    );
    assert.match(junit.out, /^\+ {2}"text": "ESCALATED #10432: App crashes/m);
    // The schema check can fail: a report without the required attribute is refused.
    await assert.rejects(assertValidJunit(junit.out.replace(/ errors="0"/g, '')), /not valid|valid against/);
    assert.equal((junit.out.match(/<testcase /g) ?? []).length, 14);

    const gh = ccmacro(['--reporter', 'github'], dir);
    assert.equal(gh.code, 1);
    const bodyLine = lineOf(text, '"body"');
    const annotations = gh.out.split('\n').filter(l => l.startsWith('::error '));
    assert.equal(annotations.length, 3);
    assert.ok(
      annotations[0].startsWith(
        `::error file=slack-escalate-blocker.ccmacro.json,line=${bodyLine},col=5,endLine=${bodyLine},endColumn=5,title=ccmacro snapshot/mismatch::samples/slack-escalate-blocker.sample.json [0] App crashes when exporting a report to PDF: the request differs from its snapshot%0A%0A--- `,
      ),
      annotations[0],
    );

    const update = ccmacro(['--update'], dir);
    assert.equal(update.code, 0);
    assert.match(update.out, /snapshot updated/);
    assert.equal(ccmacro(['--ci'], dir).code, 0);
  });

  it('--reporter github names files from the repository root, whatever folder it runs in', () => {
    // The macros in a folder of a git repository, the job run inside that folder.
    const macros = path.join(dir, 'macros');
    fs.mkdirSync(macros);
    for (const f of fs.readdirSync(dir)) if (f !== 'macros') fs.renameSync(path.join(dir, f), path.join(macros, f));
    assert.equal(spawnSync('git', ['init', '-q'], { cwd: dir }).status, 0);
    assert.equal(ccmacro(['--update'], macros).code, 0);
    const file = path.join(macros, SLACK);
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('"Blocker #((Feedback ID))', '"ESCALATED #((Feedback ID))'),
    );
    const gh = ccmacro(['--ci', '--reporter', 'github'], macros);
    assert.equal(gh.code, 1, gh.out + gh.err);
    const annotations = gh.out.split('\n').filter(l => l.startsWith('::error '));
    assert.equal(annotations.length, 3);
    for (const a of annotations)
      assert.match(a, /^::error file=macros\/slack-escalate-blocker\.ccmacro\.json,line=\d+,/);
    // The log, for people, names files as they typed them.
    assert.match(gh.out, /^✗ slack-escalate-blocker\.ccmacro\.json {2}Escalate blocker to Slack/m);
  });

  it('a missing snapshot fails under --ci and when CI is set, and is written otherwise', () => {
    const ci = ccmacro(['--ci', SLACK], dir);
    assert.equal(ci.code, 1);
    assert.match(
      ci.out,
      /no snapshot in slack-escalate-blocker\.snap\.http: run "ccmacro test --update" and commit it/,
    );
    assert.equal(ccmacro([SLACK], dir, { CI: 'true' }).code, 1);
    assert.ok(!fs.existsSync(path.join(dir, 'slack-escalate-blocker.snap.http')), 'never written in CI');
    const local = ccmacro([SLACK], dir, { CI: 'false' });
    assert.equal(local.code, 0, local.out);
    assert.match(local.out, /3 items, 3 written to its new snapshot/);
    assert.ok(fs.existsSync(path.join(dir, 'slack-escalate-blocker.snap.http')));
  });

  it('reports obsolete entries and snapshots of deleted macros; --ci fails on them, --update removes them', () => {
    assert.equal(ccmacro(['--update'], dir).code, 0);
    const samples = path.join(dir, 'samples/slack-escalate-blocker.sample.json');
    const items = JSON.parse(fs.readFileSync(samples, 'utf8'));
    fs.writeFileSync(samples, JSON.stringify(items.slice(0, 2)));
    fs.rmSync(path.join(dir, 'welcome-new-tester.ccmacro.json'));

    const local = ccmacro([], dir);
    assert.equal(local.code, 0, local.out);
    assert.match(local.out, /samples\/slack-escalate-blocker\.sample\.json \[2\] \(obsolete\)/);
    assert.match(local.out, /welcome-new-tester\.snap\.http {2}no macro welcome-new-tester\.ccmacro\.json/);
    assert.match(local.out, /Remove obsolete snapshots with "ccmacro test --update"/);
    assert.equal(ccmacro(['--ci'], dir).code, 1);

    const update = ccmacro(['--update'], dir);
    assert.equal(update.code, 0);
    assert.ok(!fs.existsSync(path.join(dir, 'welcome-new-tester.snap.http')));
    assert.ok(!fs.readFileSync(path.join(dir, 'slack-escalate-blocker.snap.http'), 'utf8').includes('[2]'));
    assert.equal(ccmacro(['--ci'], dir).code, 0);
  });

  it('--update deletes only orphan snapshots ccmacro wrote, never another .snap.http file', () => {
    const foreign = path.join(dir, 'notes.snap.http');
    const text = 'GET https://example.test/\n\n### hand-written, not ccmacro\n';
    fs.writeFileSync(foreign, text);
    const update = ccmacro(['--update'], dir);
    assert.equal(update.code, 0, update.out);
    assert.equal(fs.readFileSync(foreign, 'utf8'), text, 'left exactly as it was');
    assert.match(update.out, /notes\.snap\.http has no macro and was not written by ccmacro/);
    assert.equal(ccmacro(['--ci'], dir).code, 0, 'reported, not failed');
  });

  it('a request that does not render, or a return value missing from the response, fails at its file:line:col', () => {
    const file = path.join(dir, 'jira-create-issue.ccmacro.json');
    const text = fs
      .readFileSync(file, 'utf8')
      .replace('"key": "Jira Key"', '"data.key": "Jira Key"')
      .replace('((Priority))', '((Priorty))');
    fs.writeFileSync(file, text);
    const r = ccmacro(['jira-create-issue.ccmacro.json'], dir);
    assert.equal(r.code, 1, r.out);
    const at = (needle: string) =>
      `${lineOf(text, needle)}:${text.split('\n')[lineOf(text, needle) - 1].indexOf(needle) + 1}`;
    assert.ok(
      r.out.includes(
        `jira-create-issue.ccmacro.json:${at('((Priorty))')}: error: The sample has no value for ((Priorty))`,
      ),
      r.out,
    );
    fs.writeFileSync(file, text.replace('((Priorty))', '((Priority))'));
    const rv = ccmacro(['jira-create-issue.ccmacro.json'], dir);
    assert.equal(rv.code, 1);
    assert.ok(
      rv.out.includes(
        `jira-create-issue.ccmacro.json:${at('"data.key"')}: error: The response in samples/jira-create-issue.sample.json [0] has no "data"`,
      ),
      rv.out,
    );
    assert.ok(!fs.existsSync(path.join(dir, 'jira-create-issue.snap.http')), 'nothing to write for an item that fails');
  });

  it("every target's checks reach test: a Teams card error, and a Slack rule Slack rejects on, fail the items at the macro", () => {
    const teams = path.join(dir, 'post-issue-to-teams.ccmacro.json');
    const text = fs.readFileSync(teams, 'utf8').replace('"version": "1.4"', '"version": "1.6"');
    fs.writeFileSync(teams, text);
    const r = ccmacro(['post-issue-to-teams.ccmacro.json'], dir);
    assert.equal(r.code, 1, r.out);
    const line = lineOf(text, '"version": "1.6"');
    const column = text.split('\n')[line - 1].indexOf('"1.6"') + 1;
    assert.ok(
      r.out.includes(
        `post-issue-to-teams.ccmacro.json:${line}:${column}: error: Teams renders Adaptive Cards up to version 1.5`,
      ),
      r.out,
    );
    assert.match(r.out, /its target would not accept the request/);
    assert.ok(!fs.existsSync(path.join(dir, 'post-issue-to-teams.snap.http')), 'nothing written for a failing item');

    const slack = path.join(dir, SLACK);
    const body = fs
      .readFileSync(slack, 'utf8')
      .replace(/"body": \{[\s\S]*\n {4}\}\n {2}\},/, '"body": { "blocks": [] }\n  },');
    fs.writeFileSync(slack, body);
    // Slack answers `no_text` to such a message: an error of the Slack check, as a Teams card error is.
    const w = ccmacro([SLACK], dir);
    assert.equal(w.code, 1, w.out);
    assert.match(w.out, /error: Slack needs "text" or "blocks" in the message.*\[render\/slack-no-text\]/);
    assert.match(w.out, /its target would not accept the request/);
  });

  it('a thousand changed items in a 2 MB macro: each located at its part of the macro, the macro parsed once (was 28 s)', function () {
    this.timeout(20000);
    const n = 1000;
    const sub = path.join(dir, 'big');
    fs.mkdirSync(sub);
    const text = `/* ${'x'.repeat(2_000_000)} */\n${JSON.stringify(
      {
        name: 'Big',
        request: { method: 'POST', url: 'https://example.com/hook', bodyFormat: 'text', body: '((Title))' },
        samples: ['s.sample.json'],
      },
      null,
      2,
    )}\n`;
    fs.writeFileSync(path.join(sub, 'm.ccmacro.json'), text);
    const sample = (v: string) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ Title: `${v}${i}` })));
    fs.writeFileSync(path.join(sub, 's.sample.json'), sample('a'));
    assert.equal(ccmacro(['--update', 'big'], dir).code, 0);
    fs.writeFileSync(path.join(sub, 's.sample.json'), sample('b'));
    const r = ccmacro(['--ci', '--reporter', 'github', 'big'], dir);
    assert.equal(r.code, 1, r.err);
    const line = lineOf(text, '"body"');
    const annotations = r.out.split('\n').filter(l => l.startsWith('::error '));
    assert.equal(annotations.length, n, r.out.slice(0, 2000));
    assert.ok(
      annotations.every(l => l.includes(`file=big/m.ccmacro.json,line=${line},col=5`)),
      annotations[0],
    );
  });

  it('a macro whose name is as long as the file system allows gets its snapshot (the temporary name was longer)', () => {
    const name = 'x'.repeat(255 - '.ccmacro.json'.length);
    fs.writeFileSync(path.join(dir, `${name}.ccmacro.json`), fs.readFileSync(path.join(dir, SLACK), 'utf8'));
    const r = ccmacro(['--update'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    const items = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8').match(/^### .*$/gm);
    assert.deepEqual(items(`${name}.snap.http`), items(SLACK.replace('.ccmacro.json', '.snap.http')));
    assert.deepEqual(
      fs.readdirSync(dir).filter(f => f.endsWith('.tmp')),
      [],
    );
  });

  it('a snapshot that cannot be written fails its macro at the snapshot, saying why, and the run goes on', () => {
    // The snapshot's path fits the system's limit (4,095 bytes) and its temporary file's does not: writing fails.
    let deep = dir;
    while (deep.length < 3800) deep = path.join(deep, 'd'.repeat(200));
    deep = path.join(deep, 'e'.repeat(4078 - deep.length - 1));
    assert.equal(deep.length, 4078);
    fs.mkdirSync(deep, { recursive: true });
    const request = { method: 'POST', url: 'https://example.com/h', body: { t: '((Title))' } };
    fs.writeFileSync(path.join(deep, 'a.ccmacro.json'), JSON.stringify({ name: 'Deep', request }));
    const r = ccmacro([], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(
      r.out,
      /a\.snap\.http cannot be written: its name or path is too long for the file system \(ENAMETOOLONG\)/,
    );
    assert.ok(fs.existsSync(path.join(dir, SLACK.replace('.ccmacro.json', '.snap.http'))), 'the others are written');
  });

  it('usage errors exit 2', () => {
    for (const args of [['--update', '--ci'], ['--reporter', 'xml'], ['no-such-folder'], ['--nope']]) {
      const r = ccmacro(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err, /^ccmacro test: /);
    }
    const help = spawnSync(process.execPath, [BIN, 'test', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--reporter junit/);
  });
});
