import { ajvMacroSchema } from '../../../src/cli/schema';
import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { createCcmacroService } from '../../../src/core';
import { importPostmanCollection, type PostmanImport } from '../../../src/core/import/postman';
import { InMemoryFileSystem } from '../../fakes/fileSystem';

const V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** A collection in the shape Postman exports (v2.1), with what the importer maps and what it must list. */
export function sampleCollection(): object {
  return {
    info: { _postman_id: '00000000-0000-0000-0000-000000000000', name: 'Trackers', schema: V21 },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{accessToken}}', type: 'string' }] },
    event: [
      { listen: 'prerequest', script: { type: 'text/javascript', exec: ['pm.environment.set("t", Date.now())'] } },
    ],
    variable: [
      { key: 'projectKey', value: 'PROJ' },
      { key: 'jira-base', value: 'https://acme.atlassian.net' },
    ],
    item: [
      {
        name: 'Jira',
        item: [
          {
            name: 'Create issue',
            request: {
              method: 'POST',
              header: [
                { key: 'Content-Type', value: 'application/json' },
                { key: 'X-Debug', value: '1', disabled: true },
              ],
              auth: {
                type: 'basic',
                basic: [
                  { key: 'username', value: 'me@acme.test', type: 'string' },
                  { key: 'password', value: 'jira-api-token-123', type: 'string' },
                ],
              },
              body: {
                mode: 'raw',
                raw: '{"fields":{"project":{"key":"{{projectKey}}"},"summary":"Hello ((not a tag))","issuetype":{"name":"Bug"}}}',
                options: { raw: { language: 'json' } },
              },
              url: {
                raw: '{{jira-base}}/rest/api/2/issue',
                host: ['{{jira-base}}'],
                path: ['rest', 'api', '2', 'issue'],
              },
            },
            event: [{ listen: 'test', script: { exec: ['pm.test("201", () => pm.response.to.have.status(201))'] } }],
            response: [{ name: 'Created', code: 201 }],
          },
          {
            name: 'Sub',
            item: [
              {
                name: 'Upload',
                request: {
                  method: 'POST',
                  body: { mode: 'formdata', formdata: [{ key: 'file', type: 'file', src: 'a.png' }] },
                  url: 'https://api.acme.test/upload',
                },
              },
            ],
          },
        ],
      },
      {
        name: 'Search (GraphQL)',
        request: {
          method: 'POST',
          body: { mode: 'graphql', graphql: { query: '{ a }' } },
          url: 'https://api.acme.test/graphql',
        },
      },
      {
        name: 'Form',
        request: {
          method: 'PUT',
          auth: {
            type: 'apikey',
            apikey: [
              { key: 'key', value: 'X-Api-Key' },
              { key: 'value', value: 'k-secret-987654' },
              { key: 'in', value: 'header' },
            ],
          },
          body: {
            mode: 'urlencoded',
            urlencoded: [
              { key: 'a', value: 'x y' },
              { key: 'off', value: '1', disabled: true },
            ],
          },
          url: 'https://api.acme.test/form?id={{$guid}}',
        },
      },
      {
        name: 'XML',
        request: {
          method: 'POST',
          auth: { type: 'oauth2', oauth2: [] },
          body: { mode: 'raw', raw: '<a>{{projectKey}}</a>', options: { raw: { language: 'xml' } } },
          url: 'https://api.acme.test/xml',
        },
      },
      { name: 'Probe', request: { method: 'HEAD', url: 'https://api.acme.test/' } },
      { name: '../../escape', request: 'https://api.acme.test/a' },
      { name: '../../escape', request: { method: 'GET', url: 'https://api.acme.test/b', auth: { type: 'noauth' } } },
      {
        name: 'a\u0000b\u001b[2Jc',
        request: {
          method: 'DELETE',
          url: { raw: 'https://api.acme.test/items/:id', variable: [{ key: 'id', value: '' }] },
          auth: { type: 'noauth' },
        },
      },
    ],
  };
}

export function sampleEnvironment(): object {
  return {
    id: 'e39f0a28-d5ef-461f-807b-35e9078e210b',
    name: 'Acme Production',
    values: [
      { key: 'jira-base', value: 'https://acme-prod.atlassian.net', type: 'default', enabled: true },
      { key: 'accessToken', value: 'tok-live-abcdef123456', type: 'secret', enabled: true },
      { key: 'old', value: 'x', enabled: false },
    ],
    _postman_variable_scope: 'environment',
  };
}

function run(collection: object, environment?: object, existing?: string): PostmanImport {
  const r = importPostmanCollection({
    collection: { text: JSON.stringify(collection, null, 2), name: 'c.json' },
    environment: environment && { text: JSON.stringify(environment), name: 'e.json' },
    existingEnvironments: existing === undefined ? undefined : { text: existing, name: '.ccmacro/environments.json' },
  });
  assert.ok(r.ok, r.ok ? '' : r.error.problem.message);
  return r.value;
}
const file = (m: PostmanImport, rel: string) => {
  const f = m.files.find(x => x.rel === rel);
  assert.ok(f, `${rel} among ${m.files.map(x => x.rel).join(', ')}`);
  return f.text;
};

describe('import postman', () => {
  it('one macro per request, folders as folders, hostile names slugged inside the folder', () => {
    const m = run(sampleCollection(), sampleEnvironment());
    assert.deepEqual(
      m.files.map(f => f.rel),
      [
        'escape.ccmacro.json',
        'escape-2.ccmacro.json',
        'a-b-2jc.ccmacro.json',
        'xml.ccmacro.json',
        'form.ccmacro.json',
        'search-graphql.ccmacro.json',
        'jira/create-issue.ccmacro.json',
        'jira/sub/upload.ccmacro.json',
        '.ccmacro/environments.json',
      ].sort((a, b) => m.files.findIndex(f => f.rel === a) - m.files.findIndex(f => f.rel === b)),
    );
    assert.equal(m.macroCount, 8);
    for (const f of m.files) assert.match(f.rel, /^[a-z0-9./-]+$/);
    assert.equal(parse(file(m, 'a-b-2jc.ccmacro.json')).name, 'a\u0000b\u001b[2Jc');
  });

  it('maps {{var}} to ${var:NAME}, auth blocks and credential variables to ${secret:NAME}, bodies by kind', () => {
    const m = run(sampleCollection(), sampleEnvironment());
    const jira = parse(file(m, 'jira/create-issue.ccmacro.json'));
    assert.equal(jira.request.url, '${var:jira_base}/rest/api/2/issue');
    assert.deepEqual(jira.request.headers, {
      'Content-Type': 'application/json',
      Authorization: 'Basic ${secret:BASIC_AUTH}',
    });
    assert.deepEqual(jira.request.body.fields.project, { key: '${var:projectKey}' });
    assert.equal(jira.request.body.fields.summary, 'Hello \\((not a tag))');

    const form = parse(file(m, 'form.ccmacro.json'));
    assert.equal(form.request.method, 'PUT');
    assert.equal(form.request.headers['X-Api-Key'], '${secret:ACME_API_KEY}');
    assert.equal(form.request.headers.Authorization, undefined, 'its own auth wins over the collection bearer');
    assert.deepEqual(form.request.body, { a: 'x y' });
    assert.equal(form.request.bodyFormat, 'form');

    const xml = parse(file(m, 'xml.ccmacro.json'));
    assert.equal(xml.request.bodyFormat, 'xml');
    assert.equal(xml.request.body, '<a>${var:projectKey}</a>');
    assert.equal(xml.request.headers['Content-Type'], 'application/xml');

    // Inherited collection auth, with the secret variable's value known (for the editor), never written.
    const up = parse(file(m, 'jira/sub/upload.ccmacro.json'));
    assert.equal(up.request.headers.Authorization, 'Bearer ${secret:accessToken}');
    assert.equal(up.request.body, undefined);
    const secrets = Object.fromEntries(m.secrets.map(s => [s.name, s.value]));
    assert.deepEqual(Object.keys(secrets).sort(), ['ACME_API_KEY', 'BASIC_AUTH', 'accessToken']);
    assert.equal(secrets.accessToken, 'tok-live-abcdef123456');
    assert.equal(secrets.BASIC_AUTH, Buffer.from('me@acme.test:jira-api-token-123').toString('base64'));
    for (const f of m.files)
      for (const v of Object.values(secrets)) assert.ok(!f.text.includes(v), `${f.rel} holds no secret`);
    assert.ok(!m.files.some(f => f.text.includes('jira-api-token-123')));
  });

  it('lists what it cannot map: scripts, form-data, GraphQL, other auth, methods, dynamic variables', () => {
    const m = run(sampleCollection());
    const u = m.unmapped.join('\n');
    assert.match(u, /The pre-request script of the collection/);
    assert.match(u, /The test script of the request "Jira \/ Create issue"/);
    assert.match(u, /The body of "Jira \/ Sub \/ Upload" is a multipart form/);
    assert.match(u, /The body of "Search \(GraphQL\)" is a GraphQL query/);
    assert.match(u, /The oauth2 sign-in of "XML"/);
    assert.match(u, /The request "Probe" uses HEAD/);
    assert.match(u, /\{\{\$guid\}\} has no ccmacro equivalent/);
    const n = m.notes.join('\n');
    assert.match(n, /The header X-Debug of "Jira \/ Create issue" is disabled/);
    assert.match(n, /1 saved example response is not imported/);
    assert.match(n, /:id of "a\u0000b\u001b\[2Jc" has no value/);
  });

  it('writes the environments file in the environments shape: $shared and the environment, never a secret', () => {
    const m = run(sampleCollection(), sampleEnvironment());
    assert.equal(m.environmentName, 'acme_production');
    const env = parse(file(m, '.ccmacro/environments.json'));
    assert.deepEqual(env, {
      $shared: { projectKey: 'PROJ', jira_base: 'https://acme.atlassian.net' },
      acme_production: { jira_base: 'https://acme-prod.atlassian.net' },
    });
    assert.ok(!file(m, '.ccmacro/environments.json').includes('tok-live'));
    assert.match(m.notes.join('\n'), /The environment variable "old" is disabled/);
  });

  it('merges into an existing environments file, keeping its comments; a different value is a conflict', () => {
    const existing =
      '// ours\n{\n  "$shared": { "projectKey": "PROJ" },\n  "staging": { "jira_base": "https://sandbox" }\n}\n';
    const m = run(sampleCollection(), sampleEnvironment(), existing);
    const text = file(m, '.ccmacro/environments.json');
    assert.ok(text.startsWith('// ours\n'));
    assert.deepEqual(parse(text).staging, { jira_base: 'https://sandbox' });
    assert.equal(parse(text).acme_production.jira_base, 'https://acme-prod.atlassian.net');
    assert.equal(m.files.find(f => f.rel === '.ccmacro/environments.json')?.replaces, true);

    const clash = importPostmanCollection({
      collection: { text: JSON.stringify(sampleCollection()), name: 'c.json' },
      existingEnvironments: { text: '{ "$shared": { "projectKey": "OTHER" } }', name: 'env.json' },
    });
    assert.ok(!clash.ok);
    assert.equal(clash.error.problem.code, 'import/environments-conflict');
    assert.match(clash.error.problem.message, /\$shared\.projectKey another value: add --force/);
  });

  it('reads v2.0 (auth as objects) and names the versions it reads for any other', () => {
    const v20 = {
      info: { name: 'Old', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
      item: [
        {
          name: 'A',
          request: {
            method: 'GET',
            url: 'https://x.test/a',
            auth: { type: 'bearer', bearer: { token: 'abcdefgh12345678' } },
          },
        },
      ],
    };
    const m = run(v20);
    assert.equal(parse(file(m, 'a.ccmacro.json')).request.headers.Authorization, 'Bearer ${secret:X_API_TOKEN}');
    for (const [c, what] of [
      [
        {
          info: { name: 'n', schema: 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json' },
          item: [],
        },
        /format v3\.0\.0/,
      ],
      [{ id: 'x', name: 'v1', order: [], requests: [] }, /Collection v1/],
      [[1, 2], /not a Postman collection/],
    ] as const) {
      const r = importPostmanCollection({ collection: { text: JSON.stringify(c), name: 'c.json' } });
      assert.ok(!r.ok);
      assert.equal(r.error.problem.code, 'import/postman-version');
      assert.match(r.error.problem.message, what);
      assert.match(r.error.problem.message, /ccmacro reads Postman Collection v2\.1 and v2\.0/);
    }
    const broken = importPostmanCollection({ collection: { text: '{\n  "info": {,\n}', name: 'c.json' } });
    assert.ok(!broken.ok);
    assert.equal(broken.error.problem.code, 'import/postman-json');
    assert.equal(broken.error.problem.range.start, 13);
  });

  it('nests folders as deep as JSON may nest, without recursion; deeper is a located error', () => {
    const nested = (depth: number) => {
      let items: unknown[] = [{ name: 'deep', request: 'https://x.test/deep' }];
      for (let i = 0; i < depth; i++) items = [{ name: `f${i}`, item: items }];
      return { info: { name: 'n', schema: V21 }, item: items };
    };
    const m = run(nested(60));
    assert.equal(m.files.length, 1);
    assert.equal(m.files[0].rel.split('/').length, 61);
    const n = 100000;
    const text = `{"info":{"name":"n","schema":"${V21}"},"item":${'[{"name":"f","item":'.repeat(n)}[]${'}]'.repeat(n)}}`;
    const deep = importPostmanCollection({ collection: { text, name: 'c.json' } });
    assert.ok(!deep.ok);
    assert.equal(deep.error.problem.code, 'import/postman-json');
  });

  it('every macro validates with no problem but the ${var:} placeholders environments fill in', async () => {
    const m = run(sampleCollection(), sampleEnvironment());
    const service = createCcmacroService({ fs: new InMemoryFileSystem(), macroSchema: ajvMacroSchema() });
    for (const f of m.files.filter(x => x.rel.endsWith('.ccmacro.json'))) {
      const { problems } = await service.validate({ path: `/ws/${f.rel}`, text: f.text });
      const other = problems.filter(p => p.severity !== 'info' && !p.message.includes('${var:'));
      assert.deepEqual(
        other.map(p => `${f.rel}: ${p.code} ${p.message}`),
        [],
      );
    }
  });
});
