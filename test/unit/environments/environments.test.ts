import { strict as assert } from 'node:assert';
import { createCcmacroService } from '../../../src/core';
import { parseEnvironmentFile } from '../../../src/core/environments/file';
import { EnvironmentFiles } from '../../../src/core/environments/environments';
import { parseMacro } from '../../../src/core/macro/parse';
import { renderMacro } from '../../../src/core/targets/render';
import { LineIndex } from '../../../src/core/common/text';
import { problemPosition, type Problem } from '../../../src/core/common/problem';
import { EnvSecretResolver } from '../../../src/core/secrets/resolve';
import { SecretVault, vaultResolver } from '../../../src/core/secrets/vault';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { analyzeMacro } from '../../../src/core/tags/locate';
import { completeVarAt, varHoverAt } from '../../../src/core/environments/editor';
import { toCentercodeForm } from '../../../src/core/centercode/form';
import { gitignoreAddition, NEW_ENVIRONMENTS_TEXT } from '../../../src/core/environments/newFile';
import { InMemorySecretStore } from '../../fakes/secretStore';
import { InMemoryKeyValueStore } from '../../fakes/keyValueStore';

const COMMITTED = `// team values
{
  "$shared": { "JIRA_PROJECT": "CV", "JIRA_BASE": "https://shared.example" },
  "staging": { "JIRA_BASE": "https://acme-sandbox.atlassian.net" },
  "production": { "JIRA_BASE": "https://acme.atlassian.net", "$confirm": true },
}
`;

function at(text: string, p: Problem): string {
  const pos = problemPosition(p, new LineIndex(text));
  return `${pos.line}:${pos.column} ${p.code}`;
}

function project(files: Record<string, string>) {
  const fs = new InMemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/p/${k}`, v])));
  return { fs, envs: new EnvironmentFiles(fs) };
}

function macro(request: object): string {
  return JSON.stringify({ name: 'M', target: 'generic', request }, null, 2);
}

describe('environments: the files', () => {
  it('reads JSONC (comments, trailing commas): environments in order, $shared and $confirm', () => {
    const f = parseEnvironmentFile(COMMITTED);
    assert.deepEqual(f.problems, []);
    assert.deepEqual(
      f.environments.map(e => [e.name, e.confirm]),
      [
        ['staging', false],
        ['production', true],
      ],
    );
    assert.equal(f.shared?.values.get('JIRA_PROJECT')?.value, 'CV');
  });

  it('locates every bad input in the file: syntax, duplicate keys, non-string values, unknown $ keys, bad names', () => {
    const text = [
      '{', // 1
      '  "$shared": { "A": "1", "$confirm": true },', // 2: $confirm only in an environment
      '  "staging": { "A": 1, "B": "x", "B": "y", "$other": "z", "bad name": "v" },', // 3
      '  "$defaults": {},', // 4
      '  "prod": "https://x",', // 5
      '  "prod\\nx": {},', // 6
      '  "qa": { "$confirm": "yes" }', // 7
      '}',
    ].join('\n');
    const got = parseEnvironmentFile(text).problems.map(p => at(text, p));
    assert.deepEqual(got.sort(), [
      '2:26 environments/unknown-key',
      '3:21 environments/not-string',
      '3:34 environments/duplicate-key',
      '3:44 environments/unknown-key',
      '3:59 environments/bad-name',
      '4:3 environments/unknown-key',
      '5:11 environments/not-object',
      '6:3 environments/bad-name',
      '7:23 environments/not-boolean',
    ]);
    const broken = '{ "staging": { "A": "1" ';
    const syntax = parseEnvironmentFile(broken).problems;
    assert.ok(syntax.length > 0 && syntax.every(p => p.code.startsWith('syntax/')));
    assert.equal(parseEnvironmentFile('').problems[0].code, 'environments/not-object');
    assert.equal(parseEnvironmentFile('[1]').problems[0].code, 'environments/not-object');
    // What is right is still used.
    assert.equal(
      parseEnvironmentFile(text)
        .environments.find(e => e.name === 'staging')
        ?.values.get('B')?.value,
      'x',
    );
  });

  it('resolves from the environment, then $shared; the local file overlays the committed one; $confirm from either', async () => {
    const { envs } = project({
      '.ccmacro/environments.json': COMMITTED,
      '.ccmacro/environments.local.json':
        '{ "staging": { "JIRA_PROJECT": "MINE" }, "$shared": { "TOKEN_USER": "me" }, "dev": { "$confirm": true } }',
    });
    const e = (await envs.forFolder('/p/macros/jira'))!;
    assert.equal(e.root, '/p');
    assert.deepEqual(e.names(), ['staging', 'production', 'dev']);
    assert.equal(e.lookup('staging', 'JIRA_BASE')?.value, 'https://acme-sandbox.atlassian.net');
    assert.equal(e.lookup('staging', 'JIRA_PROJECT')?.value, 'MINE');
    assert.equal(e.lookup('staging', 'JIRA_PROJECT')?.file, '/p/.ccmacro/environments.local.json');
    assert.equal(e.lookup('production', 'JIRA_PROJECT')?.value, 'CV');
    assert.equal(e.lookup('production', 'JIRA_PROJECT')?.section, '$shared');
    assert.equal(e.lookup('production', 'TOKEN_USER')?.value, 'me');
    assert.equal(e.lookup('production', 'NOPE'), undefined);
    assert.deepEqual(
      e.names().map(n => e.confirm(n)),
      [false, true, true],
    );
    assert.equal(e.confirmed(), 'production');
    assert.deepEqual(
      e.valuesOf('JIRA_BASE').map(v => [v.environment, v.value?.value]),
      [
        ['staging', 'https://acme-sandbox.atlassian.net'],
        ['production', 'https://acme.atlassian.net'],
        ['dev', 'https://shared.example'],
      ],
    );
  });

  it('finds the nearest project folder with an environments file, and none when there is none', async () => {
    const { envs } = project({
      'a/.ccmacro/environments.json': '{ "x": {} }',
      '.ccmacro/environments.json': COMMITTED,
    });
    assert.equal((await envs.forFolder('/p/a/b'))!.root, '/p/a');
    assert.equal((await envs.forFolder('/p/c'))!.root, '/p');
    assert.equal(await new EnvironmentFiles(new InMemoryFileSystem()).forFolder('/q'), undefined);
  });

  it('warns of a credential in the committed file (its shape or its name), never in the private one', async () => {
    const text = JSON.stringify(
      {
        $shared: { JIRA_API_TOKEN: 'ATATT3xFfGF0abc', PROJECT_KEY: 'CV' },
        staging: {
          SLACK: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
          EMPTY_TOKEN: '',
        },
      },
      null,
      2,
    );
    const service = createCcmacroService({ fs: new InMemoryFileSystem() });
    const committed = await service.environmentFileProblems('/p/.ccmacro/environments.json', text);
    assert.deepEqual(
      committed.map(p => [at(text, p), p.severity, p.message.split(',')[0]]),
      [
        ['3:23 environments/secret', 'warning', 'This looks like a credential (its name'],
        ['7:14 environments/secret', 'warning', 'This looks like a Slack webhook URL'],
      ],
    );
    assert.match(committed[0].message, /write \$\{secret:NAME\} in the macro instead of \$\{var:JIRA_API_TOKEN\}$/);
    assert.deepEqual(await service.environmentFileProblems('/p/.ccmacro/environments.local.json', text), []);
  });

  it('with a reach: never above its tree, and a file leading out of it (a link) is found but not read', async () => {
    const { envs } = project({
      '.ccmacro/environments.json': COMMITTED,
      'repo/m/x.ccmacro.json': '{}',
      'linked/.ccmacro/environments.json': '{ "staging": { "BASE": "https://private.example" } }',
    });
    const tree = { root: '/p/repo', name: 'the workspace folder' };
    // Above the tree: not looked in (without a reach, /p's file is the project's).
    assert.equal((await envs.forFolder('/p/repo/m'))!.root, '/p');
    assert.equal(await envs.forFolder('/p/repo/m', { tree, outside: 'warn' }), undefined);
    assert.equal((await envs.forFolder('/p/repo/m', { tree, outside: 'allow' }))!.root, '/p');
    // A macro outside the tree finds nothing.
    assert.equal(await envs.forFolder('/p/other', { tree, outside: 'refuse' }), undefined);
    // /p/linked stands for a file whose links lead out of the tree.
    const { envs: linked } = project({ 'repo/.ccmacro/environments.json': '{ "staging": { "BASE": "x" } }' });
    const reach = {
      tree,
      outside: 'refuse' as const,
      realPath: async (f: string) => (f.startsWith('/p/repo/.ccmacro/') ? '/elsewhere/environments.json' : f),
    };
    const found = (await linked.forFolder('/p/repo/m', reach))!;
    assert.equal(found.root, '/p/repo');
    assert.deepEqual(found.names(), []);
    assert.deepEqual(
      found.committed!.parsed.problems.map(p => [p.code, p.message.slice(0, 70)]),
      [['file/outside', 'This environments file cannot be read: it is outside the workspace fol']],
    );
    assert.deepEqual((await linked.forFolder('/p/repo/m', { ...reach, outside: 'allow' }))!.names(), ['staging']);
  });
});

describe('environments: ${var:NAME} in a render', () => {
  it('fills the URL, headers and body (also inside a value), written as the author’s text is there, never expanded again', async () => {
    const { envs } = project({
      '.ccmacro/environments.json': JSON.stringify({
        staging: { BASE: 'https://sandbox.example', KEY: 'a "quoted" ((Title)) ${secret:X} ${var:BASE}' },
      }),
    });
    const e = (await envs.forFolder('/p'))!;
    const parsed = parseMacro(
      macro({
        method: 'POST',
        url: '${var:BASE}/rest/api/3/issue?x=((Title))',
        headers: { 'X-Key': '${var:KEY}' },
        body: { summary: '((Title)) in ${var:KEY}' },
      }),
    );
    const r = renderMacro(parsed, { sample: { Title: 'T' }, vars: e.varValues('staging') });
    assert.deepEqual(r.problems, []);
    assert.equal(r.request!.url, 'https://sandbox.example/rest/api/3/issue?x=T');
    assert.equal(r.request!.headers[0].value, 'a "quoted" ((Title)) ${secret:X} ${var:BASE}');
    assert.deepEqual(JSON.parse(r.request!.bodyText!), {
      summary: 'T in a "quoted" ((Title)) ${secret:X} ${var:BASE}',
    });
    // The value's text is never read for placeholders: nothing in the header is a secret to resolve.
    assert.deepEqual(r.request!.placeholders, []);
    assert.equal(r.vars!.environment, 'staging');
    assert.deepEqual(
      r.vars!.substitutions.map(s => [s.name, s.target.part, s.from.section]),
      [
        ['BASE', 'url', 'staging'],
        ['KEY', 'header', 'staging'],
        ['KEY', 'body', 'staging'],
      ],
    );
    const url = r.vars!.substitutions[0];
    assert.equal(r.request!.url.slice(url.target.start, url.target.end), 'https://sandbox.example');
    assert.equal(parsed.text.slice(url.source.start, url.source.end), '${var:BASE}');
  });

  it('the preview names the host the request goes to, as the sender reads the URL (a value cannot hide it)', async () => {
    const fs = new InMemoryFileSystem({
      '/p/.ccmacro/environments.json': JSON.stringify({
        staging: { BASE: 'https://acme.atlassian.net@evil.example' },
        production: { BASE: 'https://acme.atlassian.net', $confirm: true },
      }),
    });
    const service = createCcmacroService({ fs });
    const doc = {
      path: '/p/m.ccmacro.json',
      text: macro({ method: 'POST', url: '${var:BASE}/rest/api/3/issue', body: {} }),
    };
    const options = { documentUri: 'file:///p/m.ccmacro.json', locked: false, seq: 1 };
    const staging = await service.preview(doc, { ...options, environment: 'staging' });
    assert.equal(
      staging.request?.url.map(s => s.text).join(''),
      'https://acme.atlassian.net@evil.example/rest/api/3/issue',
    );
    assert.deepEqual(staging.environment, {
      name: 'staging',
      confirm: false,
      files: ['/p/.ccmacro/environments.json'],
      host: 'evil.example',
    });
    const production = await service.preview(doc, { ...options, environment: 'production' });
    assert.equal(production.environment?.host, 'acme.atlassian.net');
  });

  it('form and XML bodies write a value for its place', async () => {
    const { envs } = project({ '.ccmacro/environments.json': '{ "s": { "V": "a&b <c>" } }' });
    const vars = (await envs.forFolder('/p'))!.varValues('s');
    const form = renderMacro(
      parseMacro(
        JSON.stringify({ name: 'F', request: { bodyFormat: 'form', url: 'https://x', body: { f: '${var:V}' } } }),
      ),
      { sample: {}, vars },
    );
    assert.equal(form.request!.bodyText, 'f=a%26b+%3Cc%3E');
    const xml = renderMacro(
      parseMacro(
        JSON.stringify({ name: 'X', request: { bodyFormat: 'xml', url: 'https://x', body: '<a>${var:V}</a>' } }),
      ),
      { sample: {}, vars },
    );
    assert.equal(xml.request!.bodyText, '<a>a&amp;b &lt;c&gt;</a>');
  });

  it('refuses a line break or control character in the URL or a header, located at the placeholder; a body takes it', async () => {
    const { envs } = project({ '.ccmacro/environments.json': '{ "s": { "V": "x\\r\\nInjected: 1" } }' });
    const vars = (await envs.forFolder('/p'))!.varValues('s');
    const text = macro({ url: 'https://x/${var:V}', headers: { A: '${var:V}' }, body: { b: '${var:V}' } });
    const r = renderMacro(parseMacro(text), { sample: {}, vars });
    assert.equal(r.request, undefined);
    const codes = r.problems.map(p => [p.code, text.slice(p.range.start, p.range.end)]);
    assert.deepEqual(codes, [
      ['var/unusable', '${var:V}'],
      ['var/unusable', '${var:V}'],
    ]);
    assert.match(r.problems[0].message, /in "s" \(\.ccmacro\/environments\.json\) holds a line break/);
  });

  it('an unknown name, or no environment, is a located render error; `keep` writes each by name', () => {
    const text = macro({ url: '${var:BASE}/x', body: { a: '${var:BASE}' } });
    const parsed = parseMacro(text);
    const none = renderMacro(parsed, { sample: {} });
    assert.deepEqual(
      none.problems.map(p => p.code),
      ['var/no-environment', 'var/no-environment'],
    );
    const unknown = renderMacro(parsed, { sample: {}, vars: { environment: 'qa', lookup: () => undefined } });
    assert.match(unknown.problems[0].message, /no value in the environment "qa" or in "\$shared"/);
    const kept = renderMacro(parsed, { sample: {}, vars: 'keep' });
    assert.equal(kept.request!.url, '${var:BASE}/x');
    assert.deepEqual(JSON.parse(kept.request!.bodyText!), { a: '${var:BASE}' });
  });
});

describe('environments: validate', () => {
  const files = {
    '/p/.ccmacro/environments.json': COMMITTED.replace('"JIRA_BASE": "https://shared.example"', '"X": "1"'),
    '/p/.ccmacro/environments.local.json': '{ "staging": { "ONLY_STAGING": "s", "CTRL": "a\\tb" } }',
  };
  const text = macro({
    method: 'POST',
    url: '${var:JIRA_BASE}/rest/api/3/issue',
    headers: { 'X-A': '${var:ONLY_STAGING}', 'X-C': '${var:CTRL}' },
    body: { p: '${var:JIRA_PROJECT}', q: '${var:NOWHERE}' },
  });

  it('without an environment, names each environment where a ${var:…} has no value, and values unusable where used', async () => {
    const svc = createCcmacroService({ fs: new InMemoryFileSystem(files) });
    const r = await svc.validate({ path: '/p/m.ccmacro.json', text: text }, {});
    const got = r.problems.filter(p => p.code.startsWith('var/')).map(p => [p.code, p.message.split(': ')[0]]);
    assert.deepEqual(got, [
      ['var/unresolved', '${var:ONLY_STAGING} has no value in the environment "production" or in "$shared"'],
      ['var/unresolved', '${var:CTRL} has no value in the environment "production" or in "$shared"'],
      [
        'var/unusable',
        'The value of ${var:CTRL} in "staging" holds a line break or control character, which cannot go in a URL or header, so ccmacro will not send it',
      ],
      ['var/unresolved', '${var:NOWHERE} has no value in the environments "staging" and "production" or in "$shared"'],
    ]);
    assert.deepEqual(
      r.problems.filter(p => p.severity === 'error' && !p.code.startsWith('var/')).map(p => p.code),
      [],
    );
  });

  it('with an environment, checks and renders with that one only', async () => {
    const svc = createCcmacroService({ fs: new InMemoryFileSystem(files) });
    const r = await svc.validate(
      { path: '/p/m.ccmacro.json', text: text.replace('"X-C": "${var:CTRL}"', '"X-C": "${var:X}"') },
      {
        environment: 'staging',
      },
    );
    assert.deepEqual(
      r.problems.filter(p => p.severity === 'error').map(p => p.code),
      ['var/unresolved'],
    );
  });

  it('a ${var:…} without any environments file says how to make one', async () => {
    const svc = createCcmacroService({ fs: new InMemoryFileSystem() });
    const r = await svc.validate({ path: '/p/m.ccmacro.json', text: macro({ url: '${var:B}/x' }) }, {});
    assert.deepEqual(
      r.problems.filter(p => p.severity === 'error').map(p => p.code),
      ['var/no-environment'],
    );
    assert.match(r.problems[0].message, /New Environment File/);
  });

  it('is not a malformed placeholder, and is refused in names', async () => {
    const svc = createCcmacroService({ fs: new InMemoryFileSystem(files) });
    const r = await svc.validate(
      {
        path: '/p/m.ccmacro.json',
        text: macro({ url: 'https://x/${var:JIRA_PROJECT}', headers: { '${var:X}': 'v' } }),
      },
      {},
    );
    assert.deepEqual(
      r.problems
        .filter(p => p.severity === 'error')
        .map(p => p.code)
        .sort(),
      // Refused by the placeholder rule, and by the render (not an HTTP token), so render, test and a send agree.
      ['placeholder/not-allowed', 'render/bad-header-name'],
    );
  });
});

describe('environments: secrets per environment', () => {
  it('the CLI reads CCMACRO_SECRET_<ENV>_<NAME> before CCMACRO_SECRET_<NAME>', async () => {
    const env = { CCMACRO_SECRET_EU_PROD_TOKEN: 'own', CCMACRO_SECRET_TOKEN: 'shared', PLAIN: 'p' };
    assert.equal(await new EnvSecretResolver(env, 'eu-prod').get('secret', 'TOKEN'), 'own');
    assert.equal(await new EnvSecretResolver(env, 'staging').get('secret', 'TOKEN'), 'shared');
    assert.equal(await new EnvSecretResolver(env).get('secret', 'TOKEN'), 'shared');
    assert.equal(await new EnvSecretResolver(env, 'eu-prod').get('env', 'PLAIN'), 'p');
    assert.equal(
      new EnvSecretResolver(env, 'eu-prod').describe('secret', 'X'),
      'environment variable CCMACRO_SECRET_EU_PROD_X or CCMACRO_SECRET_X',
    );
  });

  it('the editor reads the environment’s own stored value (ENV/NAME) before the shared one (NAME)', async () => {
    const vault = new SecretVault(new InMemorySecretStore(), new InMemoryKeyValueStore());
    await vault.set('TOKEN', 'shared');
    await vault.set('TOKEN', 'prod-only', 'production');
    assert.equal(
      await vaultResolver({ vault, env: {}, environment: 'production' }).get('secret', 'TOKEN'),
      'prod-only',
    );
    assert.equal(await vaultResolver({ vault, env: {}, environment: 'staging' }).get('secret', 'TOKEN'), 'shared');
    assert.equal(await vaultResolver({ vault, env: {} }).get('secret', 'TOKEN'), 'shared');
    assert.deepEqual(vault.names(), ['TOKEN', 'production/TOKEN']);
  });
});

describe('environments: the editor helpers', () => {
  const files = {
    '/p/.ccmacro/environments.json':
      '{ "$shared": { "PROJECT": "CV" }, "staging": { "BASE": "https://s.example" }, "production": { "BASE": "https://p.example|<b>", "$confirm": true } }',
  };

  it('completes ${var: in the URL, headers and body with every name, and hovers with the value in each environment', async () => {
    const envs = (await new EnvironmentFiles(new InMemoryFileSystem(files)).forFolder('/p'))!;
    const text = '{ "name": "M", "request": { "url": "${var:B}/x", "body": { "a": "${" }, "headers": { "${": "v" } } }';
    const analysis = analyzeMacro(text);
    const inUrl = completeVarAt(analysis, text.indexOf('${var:B}') + 7, envs, 'staging')!;
    assert.deepEqual(
      inUrl.map(i => i.insertText),
      ['${var:BASE}', '${var:PROJECT}'],
    );
    assert.equal(text.slice(inUrl[0].range.start, inUrl[0].range.end), '${var:B}');
    assert.ok(completeVarAt(analysis, text.indexOf('"${" }') + 3, envs, 'staging'), 'in a body value');
    assert.equal(
      completeVarAt(analysis, text.indexOf('"${": "v"') + 3, envs, 'staging'),
      undefined,
      'not in a header name',
    );

    const hover = varHoverAt(analysis, text.indexOf('${var:B}') + 2, envs, 'staging')!;
    assert.match(hover.markdown, /\| staging ← active \| \*no value\* \|/, 'B has no value anywhere');
  });

  it('hover lists each environment, marks the active one and escapes Markdown in values', async () => {
    const envs = (await new EnvironmentFiles(new InMemoryFileSystem(files)).forFolder('/p'))!;
    const text = '{ "name": "M", "request": { "url": "${var:BASE}/x" } }';
    const h = varHoverAt(analyzeMacro(text), text.indexOf('BASE'), envs, 'production')!;
    assert.equal(text.slice(h.range.start, h.range.end), '${var:BASE}');
    assert.match(h.markdown, /\| staging \| https:\/\/s\\\.example \|/);
    assert.match(h.markdown, /\| production \(asks before sending\) ← active \| https:\/\/p\\\.example\\\|\\<b\\> \|/);
    const project = varHoverAt(analyzeMacro(text.replace('BASE', 'PROJECT')), text.indexOf('BASE'), envs, 'staging')!;
    assert.match(project.markdown, /\| staging ← active \| CV \(from \$shared\) \|/);
  });

  it('Copy for Centercode writes one environment’s values literally, once, and keeps unknown names and secrets', () => {
    const parsed = parseMacro(
      JSON.stringify({
        name: 'C',
        request: {
          url: '${var:BASE}/x',
          headers: { Authorization: 'Bearer ${secret:T}', 'X-P': '${var:P}' },
          body: { a: '${var:Q} ((Title))', n: '((N)):number' },
        },
      }),
    );
    const values: Record<string, string> = { BASE: 'https://p.example', Q: 'say "hi" ${var:BASE}' };
    const form = toCentercodeForm(parsed, n => values[n]);
    assert.equal(form.url, 'https://p.example/x');
    assert.equal(form.headers, 'Authorization: Bearer ${secret:T}\nX-P: ${var:P}');
    assert.deepEqual(JSON.parse(form.body.replace('((N))', '1')), { a: 'say "hi" ${var:BASE} ((Title))', n: 1 });
    assert.deepEqual(form.unresolvedVars, ['P']);
    assert.equal(toCentercodeForm(parsed).url, '${var:BASE}/x', 'without an environment, as written');
  });

  it('New Environment File: a valid file, and one .gitignore line only when none names the local file', () => {
    assert.deepEqual(parseEnvironmentFile(NEW_ENVIRONMENTS_TEXT).problems, []);
    assert.equal(
      gitignoreAddition(undefined),
      '# ccmacro: private environment values (docs/environments.md)\n/.ccmacro/environments.local.json\n',
    );
    assert.equal(
      gitignoreAddition('node_modules'),
      '\n# ccmacro: private environment values (docs/environments.md)\n/.ccmacro/environments.local.json\n',
    );
    assert.match(gitignoreAddition('out\r\n')!, /^# ccmacro.*\r\n\/\.ccmacro\/environments\.local\.json\r\n$/);
    assert.equal(gitignoreAddition('a\n.ccmacro/environments.local.json\n'), undefined);
    assert.equal(gitignoreAddition('/.ccmacro/environments.local.json'), undefined);
  });
});
