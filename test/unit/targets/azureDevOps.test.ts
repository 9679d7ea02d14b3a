import * as assert from 'node:assert/strict';
import { parseMacro } from '../../../src/core/macro/parse';
import { startReceiver, type Receiver } from '../../../src/core/receiver/receiver';
import { receiverTargetUrl } from '../../../src/core/receiver/target';
import { macroTarget, targetById } from '../../../src/core/targets';
import { explainAzureDevOpsAnswer } from '../../../src/core/targets/azure-devops/answers';
import { escapeHtmlValue } from '../../../src/core/targets/azure-devops/fields';
import { safeHtml } from '../../../src/core/targets/azure-devops/html';
import { workItemAddress } from '../../../src/core/targets/azure-devops/url';
import { workItemView } from '../../../src/core/targets/azure-devops/view';
import { renderMacro } from '../../../src/core/targets/render';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { check } from '../macro/helpers';

const CREATE_URL = 'https://dev.azure.com/fabrikam/Fiber/_apis/wit/workitems/$Bug?api-version=7.1';
const PATCH = 'application/json-patch+json';

/** An Azure DevOps macro (target from its URL) with `request` over a good create. */
function ado(request: Record<string, unknown> = {}, root: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      name: 'Create work item',
      ...root,
      request: {
        method: 'POST',
        url: CREATE_URL,
        headers: { 'Content-Type': PATCH },
        body: [{ op: 'add', path: '/fields/System.Title', value: '((Title))' }],
        ...request,
      },
    },
    null,
    2,
  );
}

const codes = async (text: string, fs?: InMemoryFileSystem) =>
  (await check(text, { fs, codes: 'render/azure-devops-' })).map(p => [p.code, p.severity, p.text]);

describe('Azure DevOps: recognition and addresses', () => {
  it('recognises work item addresses on Services, the visualstudio.com host and Server/TFS, not other addresses', () => {
    for (const url of [
      CREATE_URL,
      'https://fabrikam.visualstudio.com/Fiber/_apis/wit/workitems/((Work Item ID))?api-version=7.1',
      'https://tfs.example.test:8080/tfs/DefaultCollection/Fiber/_apis/wit/workItems/$Task?api-version=6.0',
    ])
      assert.equal(
        macroTarget(parseMacro(JSON.stringify({ name: 'x', request: { method: 'POST', url } }))),
        'azure-devops',
        url,
      );
    // Another Azure DevOps API is no work item create or update.
    for (const url of ['https://example.com/hook', 'https://dev.azure.com/fabrikam/_apis/projects?api-version=7.1'])
      assert.equal(
        macroTarget(parseMacro(JSON.stringify({ name: 'x', request: { method: 'GET', url } }))),
        'generic',
        url,
      );
  });

  it('reads the operation, the work item type, the id and the api-version from an address', () => {
    assert.deepEqual(
      workItemAddress('https://dev.azure.com/o/p/_apis/wit/workitems/$User%20Story?api-version=7.1-preview.3'),
      {
        operation: 'create',
        type: 'User Story',
        apiVersion: '7.1-preview.3',
        isWorkItemApi: true,
      },
    );
    assert.deepEqual(workItemAddress('/o/p/_apis/wit/workItems/42?x=1&API-Version=6.0'), {
      operation: 'update',
      id: '42',
      apiVersion: '6.0',
      isWorkItemApi: true,
    });
    assert.equal(workItemAddress('https://dev.azure.com/o/p/_apis/wit/wiql?api-version=7.1').isWorkItemApi, false);
  });
});

describe('Azure DevOps: values by field', () => {
  it('HTML fields get values HTML-escaped with line breaks as <br>; the title and other fields get them as they are', () => {
    const text = ado({
      body: [
        { op: 'add', path: '/fields/System.Title', value: '((Title))' },
        { op: 'add', path: '/fields/System.Description', value: '<p>((Description))</p>' },
        { op: 'add', path: '/fields/microsoft.vsts.tcm.reprosteps', value: '((Description))' },
        { op: 'add', path: '/fields/System.Tags', value: '((Description))' },
      ],
    });
    const r = renderMacro(parseMacro(text), {
      sample: { Title: 'A <b> & "c"', Description: "<script>x</script>\r\nline 2 & 'q'" },
    });
    const sent = JSON.parse(r.request!.bodyText!) as Array<{ value: string }>;
    assert.equal(sent[0].value, 'A <b> & "c"');
    assert.equal(sent[1].value, '<p>&lt;script&gt;x&lt;/script&gt;<br>line 2 &amp; &#39;q&#39;</p>');
    assert.equal(sent[2].value, '&lt;script&gt;x&lt;/script&gt;<br>line 2 &amp; &#39;q&#39;');
    assert.equal(sent[3].value, "<script>x</script>\r\nline 2 & 'q'");
    assert.equal(escapeHtmlValue('plain'), 'plain');
  });

  it('a title value with line breaks is sent on one line, with a warning at its tag (as the Jira summary)', () => {
    const text = ado();
    const r = renderMacro(parseMacro(text), { sample: { Title: 'two  \r\n\n lines\u2028three' } });
    assert.equal((JSON.parse(r.request!.bodyText!) as Array<{ value: string }>)[0].value, 'two lines three');
    const p = r.problems.find(x => x.code === 'render/azure-devops-title-line-break')!;
    assert.equal(p.severity, 'warning');
    assert.equal(text.slice(p.range.start, p.range.end), '((Title))');
    assert.match(p.message, /\(\(Title\)\) has a line break.*replaced by a space/);
  });

  it('a tag in an operation’s op, path or from is a warning at the tag (a feedback value would pick the operation)', () => {
    const text = ado({
      body: [
        { op: 'add', path: '/fields/System.Title', value: '((Title))' },
        { op: 'add', path: '/fields/((Field))', value: 'x' },
        { op: '((Op))', path: '/fields/System.Tags', value: 'x' },
        { op: 'copy', from: '/fields/((From))', path: '/fields/System.Tags' },
      ],
    });
    const r = renderMacro(parseMacro(text), {
      sample: { Title: 'T', Field: 'System.Title/../relations/-', Op: 'remove', From: 'System.Title' },
    });
    const found = r.problems.filter(x => x.code === 'render/azure-devops-tag-in-operation');
    assert.deepEqual(
      found.map(p => [p.severity, text.slice(p.range.start, p.range.end)]),
      [
        ['warning', '((Field))'],
        ['warning', '((Op))'],
        ['warning', '((From))'],
      ],
    );
    // The value stays one JSON string in its member: it changes nothing around it.
    const sent = JSON.parse(r.request!.bodyText!) as Array<Record<string, string>>;
    assert.equal(sent[1].path, '/fields/System.Title/../relations/-');
    assert.equal(sent.length, 4);
    // A tag in "value" is no such warning.
    assert.equal(
      renderMacro(parseMacro(ado()), { sample: { Title: 'remove' } }).problems.filter(
        x => x.code === 'render/azure-devops-tag-in-operation',
      ).length,
      0,
    );
  });
});

describe('Azure DevOps: the request check, located in the macro', () => {
  it('a good create and a good update have no problem', async () => {
    assert.deepEqual(await codes(ado()), []);
    const update = ado({
      method: 'PATCH',
      url: 'https://dev.azure.com/fabrikam/Fiber/_apis/wit/workitems/((Feedback ID))?api-version=7.1',
      body: [{ op: 'add', path: '/fields/System.History', value: 'Now ((Status))' }],
    });
    assert.deepEqual(await codes(update), []);
  });

  it('the Content-Type at its header, or at "headers" when there is none', async () => {
    assert.deepEqual(await codes(ado({ headers: { 'Content-Type': 'application/json' } })), [
      ['render/azure-devops-content-type', 'error', '"application/json"'],
    ]);
    const none = (await check(ado({ headers: {} }), { codes: 'render/azure-devops-' }))[0];
    assert.equal(none.text, '"headers"');
    assert.match(none.message, /Content-Type: application\/json-patch\+json/);
  });

  it('api-version missing or malformed at the URL; one in the Accept header is enough', async () => {
    const url = CREATE_URL.replace('?api-version=7.1', '');
    assert.deepEqual(await codes(ado({ url })), [['render/azure-devops-api-version', 'error', JSON.stringify(url)]]);
    assert.deepEqual(
      await codes(ado({ url, headers: { 'Content-Type': PATCH, Accept: 'application/json; api-version=7.1' } })),
      [],
    );
    assert.deepEqual(await codes(ado({ url: url + '?api-version=latest' })), [
      ['render/azure-devops-api-version', 'warning', JSON.stringify(url + '?api-version=latest')],
    ]);
  });

  it('the method at "method": a create is a POST to $Type, an update a PATCH to an id', async () => {
    assert.deepEqual(await codes(ado({ method: 'PATCH' })), [['render/azure-devops-method', 'error', '"PATCH"']]);
    const update = ado({ url: 'https://dev.azure.com/f/p/_apis/wit/workitems/12?api-version=7.1' });
    assert.deepEqual(await codes(update), [['render/azure-devops-method', 'error', '"POST"']]);
  });

  it('the body: not a list, a create without a title, an unknown op, a missing value or from, a bad link, a near-miss field', async () => {
    assert.deepEqual(await codes(ado({ body: { fields: { 'System.Title': 'x' } } })), [
      ['render/azure-devops-not-patch', 'error', '{'],
    ]);
    assert.deepEqual(await codes(ado({ body: [{ op: 'add', path: '/fields/System.Tags', value: 'a' }] })), [
      ['render/azure-devops-no-title', 'error', '['],
    ]);
    const body = [
      { op: 'add', path: '/fields/System.Title', value: '((Title))' },
      { op: 'ad', path: '/fields/System.Tags', value: 'a' },
      { op: 'replace', path: '/fields/System.State' },
      { op: 'copy', path: '/fields/System.Tags' },
      { op: 'add', path: '/relations/-', value: { url: 'https://x.test' } },
      { op: 'add', path: '/fields/System.Tittle', value: 'x' },
      { op: 'add', path: '/title', value: 'x' },
    ];
    const found = await check(ado({ body }), { codes: 'render/azure-devops-' });
    assert.deepEqual(
      found.map(p => [p.code, p.severity, p.text]),
      [
        ['render/azure-devops-operation', 'error', '"ad"'],
        ['render/azure-devops-operation', 'error', '{'],
        ['render/azure-devops-operation', 'error', '{'],
        ['render/azure-devops-relation', 'error', '{'],
        ['render/azure-devops-unknown-field', 'warning', '"/fields/System.Tittle"'],
        ['render/azure-devops-path', 'warning', '"/title"'],
      ],
    );
    assert.match(found[0].message, /did you mean "add"\?/);
    assert.match(found[4].message, /did you mean "System\.Title"\?/);
  });

  it('the title: empty, a line break the macro writes, over 255 characters (TF401324)', async () => {
    const title = (value: string) => ado({ body: [{ op: 'add', path: '/fields/System.Title', value }] });
    assert.deepEqual(await codes(title('')), [['render/azure-devops-no-title', 'error', '""']]);
    assert.deepEqual(await codes(title('a\\nb'.replace('\\n', '\n'))), [
      ['render/azure-devops-title-line-break', 'warning', '"a\\nb"'],
    ]);
    assert.deepEqual(await codes(title('x'.repeat(255))), []);
    const long = await check(title('x'.repeat(256)), { codes: 'render/azure-devops-' });
    assert.deepEqual(
      long.map(p => p.code),
      ['render/azure-devops-title-too-long'],
    );
    assert.match(long[0].message, /256 characters once filled in; Azure DevOps takes at most 255/);
  });

  it('the title limit with the longest values: a Title no item reaches alone, and a declared maxLength', async () => {
    const fs = new InMemoryFileSystem();
    fs.files.set(
      '/proj/macros/samples/items.sample.json',
      JSON.stringify([
        { Title: 'Short', 'Feedback ID': 1 },
        { Title: 'x', 'Feedback ID': 123456789 },
        { Title: 'T'.repeat(248), 'Feedback ID': 2 },
      ]),
    );
    const text = ado(
      { body: [{ op: 'add', path: '/fields/System.Title', value: '((Title)) #((Feedback ID))' }] },
      { samples: ['samples/items.sample.json'] },
    );
    const p = await check(text, { fs, codes: 'render/azure-devops-' });
    assert.deepEqual(
      p.map(x => [x.code, x.text]),
      [['render/azure-devops-title-too-long', '"((Title)) #((Feedback ID))"']],
    );
    assert.match(
      p[0].message,
      /\(with the longest \(\(Title\)\) in samples\/items\.sample\.json \[2\], 248 characters\)$/,
    );
    fs.files.set('/proj/.ccmacro/tags.json', JSON.stringify({ tags: [{ name: 'Title', maxLength: 400 }] }));
    const declared = await check(text, { fs, codes: 'render/azure-devops-' });
    assert.match(declared[0].message, /\(with \(\(Title\)\) at its declared maxLength of 400 characters\)$/);
  });
});

describe('Azure DevOps: HTML drawn safely in the preview', () => {
  it('keeps allowed tags and text, drops scripts, attributes, comments and unknown tags, decodes entities', () => {
    assert.deepEqual(
      safeHtml(
        '<p class="x" onclick="y">Hi &amp; <b>bold</b><script>alert(1)</script><!-- c --><img src=x alt="pic"><blink>t</blink></p>a &lt;b&gt; &#x1F525;',
      ),
      [
        {
          tag: 'p',
          children: [{ text: 'Hi & ' }, { tag: 'b', children: [{ text: 'bold' }] }, { text: '[image: pic]t' }],
        },
        { text: 'a <b> 🔥' },
      ],
    );
    assert.deepEqual(safeHtml('<a href="javascript:alert(1)" onmouseover=x>go</a><br>x < y'), [
      { tag: 'a', href: 'javascript:alert(1)', children: [{ text: 'go' }] },
      { tag: 'br', children: [] },
      { text: 'x < y' },
    ]);
    assert.deepEqual(safeHtml('ok <p title="a>b'), [{ text: 'ok ' }], 'an unfinished tag at the end is dropped');
  });

  it('flattens nesting deeper than its limit and reads a long adversarial text in one pass', () => {
    const deep = safeHtml('<div>'.repeat(5000) + 'x');
    let depth = 0;
    let level: unknown[] = deep;
    while (level.length && 'children' in (level[0] as object)) {
      level = (level[0] as { children: unknown[] }).children;
      depth++;
    }
    assert.ok(depth <= 33, String(depth));
    const nasty = '<a '.repeat(50_000) + '<script>'.repeat(50_000) + '<p "'.repeat(50_000);
    assert.ok(Array.isArray(safeHtml(nasty)));
  });

  it('the work item view: type, title, State/Area/Iteration first, HTML sections, links, notes', () => {
    const v = workItemView({
      bodyText: JSON.stringify([
        { op: 'add', path: '/fields/System.Tags', value: 'beta' },
        { op: 'add', path: '/fields/System.Title', value: 'Crash <b>' },
        { op: 'add', path: '/fields/System.IterationPath', value: 'Fiber\\Sprint 1' },
        { op: 'add', path: '/fields/System.State', value: 'Active' },
        { op: 'add', path: '/fields/System.Description', value: '<p>a &lt;b&gt;</p>' },
        {
          op: 'add',
          path: '/relations/-',
          value: { rel: 'Hyperlink', url: 'https://x.test', attributes: { comment: 'c' } },
        },
        { op: 'remove', path: '/fields/System.AssignedTo' },
      ]),
      substitutions: [],
      url: CREATE_URL.replace('$Bug', '$User%20Story'),
      method: 'POST',
    });
    assert.equal(v.operation, 'create');
    assert.equal(v.type, 'User Story');
    assert.equal(v.title, 'Crash <b>');
    assert.deepEqual(
      v.facts.map(f => [f.label, f.value]),
      [
        ['State', 'Active'],
        ['Iteration', 'Fiber\\Sprint 1'],
        ['Tags', 'beta'],
      ],
    );
    assert.deepEqual(v.sections, [
      { label: 'Description', field: 'System.Description', html: [{ tag: 'p', children: [{ text: 'a <b>' }] }] },
    ]);
    assert.deepEqual(v.links, [{ rel: 'Hyperlink', url: 'https://x.test', comment: 'c' }]);
    assert.deepEqual(v.removed, ['Assigned To']);
    assert.match(workItemView({ bodyText: '{}', substitutions: [] }).notes[0], /not a JSON Patch document/);
  });
});

describe('Azure DevOps: the local test receiver and the service answers', () => {
  let receiver: Receiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(async () => receiver.close());

  const send = async (method: string, url: string, body: unknown, contentType = PATCH) => {
    const aimed = receiverTargetUrl(receiver.url, url, 'My macro', 'azure-devops');
    const res = await fetch(aimed, { method, body: JSON.stringify(body), headers: { 'content-type': contentType } });
    return { status: res.status, json: (await res.json()) as Record<string, unknown>, aimed };
  };

  it('a create gets 200 with the work item (an id to save), the same id for the same request; an update gets its id back', async () => {
    const body = [{ op: 'add', path: '/fields/System.Title', value: 'Crash' }];
    const a = await send('POST', CREATE_URL, body);
    assert.match(a.aimed, /\/azure-devops\/fabrikam\/Fiber\/_apis\/wit\/workitems\/\$Bug\?api-version=7\.1$/);
    assert.equal(a.status, 200);
    assert.equal(typeof a.json.id, 'number');
    assert.deepEqual((a.json.fields as Record<string, unknown>)['System.Title'], 'Crash');
    assert.equal((a.json.fields as Record<string, unknown>)['System.WorkItemType'], 'Bug');
    assert.equal((await send('POST', CREATE_URL, body)).json.id, a.json.id);
    const u = await send('PATCH', 'https://dev.azure.com/fabrikam/Fiber/_apis/wit/workitems/4711?api-version=7.1', [
      { op: 'add', path: '/fields/System.History', value: 'hi' },
    ]);
    assert.equal(u.status, 200);
    assert.equal(u.json.id, 4711);
    assert.equal(u.json.rev, 2);
  });

  it("answers with the service's error shape: 415 for another Content-Type, 400 TF401320 without a title, TF401324 for a long one", async () => {
    const shape = ['$id', 'innerException', 'message', 'typeName', 'typeKey', 'errorCode', 'eventId'];
    const wrongType = await send(
      'POST',
      CREATE_URL,
      [{ op: 'add', path: '/fields/System.Title', value: 'x' }],
      'application/json',
    );
    assert.equal(wrongType.status, 415);
    assert.deepEqual(Object.keys(wrongType.json), shape);
    assert.equal(wrongType.json.typeKey, 'VssRequestContentTypeNotSupportedException');
    assert.match(
      String(wrongType.json.message),
      /Valid content types for this method are: application\/json-patch\+json\./,
    );
    const noTitle = await send('POST', CREATE_URL, [{ op: 'add', path: '/fields/System.Tags', value: 'x' }]);
    assert.equal(noTitle.status, 400);
    assert.match(String(noTitle.json.message), /^TF401320: Rule Error for field Title\./);
    assert.equal((noTitle.json.customProperties as Record<string, unknown>).FieldReferenceName, 'System.Title');
    const long = await send('POST', CREATE_URL, [{ op: 'add', path: '/fields/System.Title', value: 'x'.repeat(256) }]);
    assert.equal(long.status, 400);
    assert.equal(long.json.message, "TF401324: Value for field 'System.Title' is too long.");
  });

  it('a body over 1 MB gets 413 in the error shape, not a partial read', async () => {
    const big = await send('POST', CREATE_URL, [
      { op: 'add', path: '/fields/System.Title', value: 'x'.repeat(1_100_000) },
    ]);
    assert.equal(big.status, 413);
    assert.equal(big.json.typeKey, 'RequestContentTooLargeException');
  });

  it('explains the real service answers in plain words, and no other service', () => {
    const explain = (status: number, bodyText: string, url = CREATE_URL) =>
      explainAzureDevOpsAnswer({ status, bodyText, url });
    assert.match(explain(203, '<html>Sign in</html>')!, /personal access token is missing or wrong/);
    assert.match(explain(401, '')!, /credentials/);
    assert.match(explain(415, '{}')!, /application\/json-patch\+json/);
    assert.match(explain(400, JSON.stringify({ message: 'TF401320: Rule Error for field Severity.' }))!, /requires/);
    assert.match(
      explain(400, JSON.stringify({ message: 'TF51535: Cannot find field System.Tittle.' }))!,
      /does not have/,
    );
    assert.equal(explain(200, '{"id": 1}'), undefined);
    assert.equal(explain(401, '', 'https://example.com/hook'), undefined);
    assert.equal(targetById('azure-devops').explainAnswer, explainAzureDevOpsAnswer);
  });
});
