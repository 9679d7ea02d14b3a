import * as assert from 'node:assert/strict';
import { ajvMacroSchema } from '../../../src/cli/schema';
import { createCcmacroService } from '../../../src/core';
import { nodeAtPath, type PathSegment } from '../../../src/core/common/jsonPath';
import { parseMacro } from '../../../src/core/macro/parse';
import { buildPreviewModel } from '../../../src/core/preview/model';
import { startReceiver, type Receiver } from '../../../src/core/receiver/receiver';
import { receiverTargetUrl } from '../../../src/core/receiver/target';
import { compileMacro } from '../../../src/core/render/compile';
import { BUILTIN_SAMPLES } from '../../../src/core/samples/builtin';
import type { SampleItem } from '../../../src/core/samples/types';
import { macroTarget, macroTemplate, targetFromUrl, TARGETS, type Target } from '../../../src/core/targets';
import { checkTargetPayload } from '../../../src/core/targets/check';
import { renderMacro } from '../../../src/core/targets/render';
import { InMemoryFileSystem } from '../../fakes/fileSystem';
import { READERS } from './readers';

/**
 * The target conformance suite: every registered target (src/core/targets/index.ts) goes through the same cases, so
 * a new target is covered by adding it to the registry. What each must hold: it is recognised from `"target"` and
 * from its URLs; a hostile value stays the text it is in every kind of field it escapes for; its checks are located
 * in the macro and reach `validate`; its receiver takes what its check passes and refuses what its check refuses;
 * its preview tab has a plain-JSON view; its templates validate clean and render with the built-in samples.
 */

const MACRO_PATH = '/proj/macros/m.ccmacro.json';

/** Values that must stay text wherever they land. */
const HOSTILE: readonly string[] = [
  'Crash on "Save" and \'Export\' \\ back\\slash',
  'line 1\nline 2\r\nline 3\u2028line 4\ttab',
  '<!channel> <!here> <@U024BE7LH> <#C123|general> <https://evil.test|Open in Centercode>',
  '</script><script>alert(1)</script> <img src=x onerror=alert(1)>',
  '**bold** _italic_ [link](https://evil.test) ![img](https://evil.test/i.png) `code` <at>Boss</at>',
  '# heading\n- item\n1. first\n> quote\n---',
  '&amp; &lt;b&gt; &#42; &#x2a; & done',
  'control \u0000 \u0007 \u001b[31mred\u001b[0m \u007f \u009b',
  '((Title)) ${secret:TOKEN} ${env:HOME}',
  'javascript:alert(1)',
  'https://evil.test/a?b=1&c=<2>#x',
  'emoji 🔥 and é',
  '',
];

const FEEDBACK = BUILTIN_SAMPLES.find(s => s.id === 'feedback')!;
const HOSTILE_SAMPLE = BUILTIN_SAMPLES.find(s => s.id === 'hostile')!;

function macroText(target: Target, request: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'Conformance', target: target.id, ...extra, request }, null, 2);
}

function fieldAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) v = (v as Record<string | number, unknown> | undefined)?.[seg];
  return v;
}

/** Payloads any target with a payload check must refuse at least one of (each located in the macro). */
const BAD_BODIES: readonly unknown[] = [{}, [], { type: 5, text: 7, blocks: 'x', attachments: 'y' }];

for (const target of TARGETS) {
  describe(`target conformance: ${target.id}`, () => {
    it('is the target of a macro that says "target", and of a macro written to one of its URLs', () => {
      assert.equal(macroTarget(parseMacro(macroText(target, { method: 'POST', url: '${secret:URL}' }))), target.id);
      const body = target.templates[0]?.request.body;
      for (const url of target.recognition?.exampleUrls ?? []) {
        const parsed = parseMacro(JSON.stringify({ name: 'x', request: { method: 'POST', url, body } }));
        assert.equal(targetFromUrl(parsed), target.id, url);
        assert.equal(macroTarget(parsed), target.id, url);
      }
      for (const other of TARGETS.filter(t => t !== target)) {
        const otherBody = other.templates[0]?.request.body;
        for (const url of other.recognition?.exampleUrls ?? [])
          assert.notEqual(
            targetFromUrl(parseMacro(JSON.stringify({ name: 'x', request: { method: 'POST', url, body: otherBody } }))),
            target.id,
            `${other.id}'s ${url}`,
          );
      }
    });

    for (const [kindName, kind] of Object.entries(target.fields.kinds)) {
      it(`keeps hostile values literal in a "${kindName}" field (${kind.description})`, () => {
        const reader = READERS[`${target.id}/${kindName}`];
        assert.ok(reader, `test/unit/targets/readers.ts has no reader for ${target.id}/${kindName}`);
        const text = macroText(target, { method: 'POST', url: 'https://x.test/hook', body: kind.example.body });
        const parsed = parseMacro(text);
        const around = JSON.parse(JSON.stringify(kind.example.body)) as unknown;
        for (const value of HOSTILE) {
          const r = renderMacro(parsed, { sample: { Value: value } });
          assert.ok(r.request, `${JSON.stringify(value)}: ${r.problems.map(p => p.message).join('; ')}`);
          assert.equal(r.target, target.id);
          const sent = JSON.parse(r.request.bodyText!) as unknown;
          const field = fieldAt(sent, kind.example.path);
          assert.equal(typeof field, 'string', 'the value stays inside its field');
          const rest = JSON.parse(r.request.bodyText!) as unknown;
          setAt(rest, kind.example.path, fieldAt(around, kind.example.path));
          assert.deepEqual(rest, around, `${JSON.stringify(value)} changes nothing but its field`);
          const expected = String(fieldAt(around, kind.example.path)).replace('((Value))', kind.encode(value));
          assert.equal(field, expected, `the example is a "${kindName}" field`);
          reader.check(kind.encode(value), value);
        }
      });
    }

    if (target.checkPayload) {
      it('reports its payload problems in the macro, and validate reaches them', async () => {
        let refused = 0;
        const { method = 'POST', headers } = target.templates[0]?.request ?? {};
        for (const body of BAD_BODIES) {
          const text = macroText(target, { method, url: 'https://x.test/hook', headers, body });
          const parsed = parseMacro(text);
          const r = renderMacro(parsed, { sample: FEEDBACK.items[0] });
          const problems = await checkTargetPayload(parsed, r);
          const bodyNode = compileMacro(parsed).bodyNode!;
          // A finding about the request line or a header is located at the macro's URL, method or Content-Type.
          const requestParts = [['url'], ['method'], ['headers', 'Content-Type']].map(at =>
            nodeAtPath(parsed.root, ['request', ...at]),
          );
          for (const p of problems) {
            assert.ok(p.code.startsWith(`render/${target.id}-`), p.code);
            assert.ok(
              (p.range.start >= bodyNode.offset && p.range.end <= bodyNode.offset + bodyNode.length) ||
                requestParts.some(n => n && p.range.start === n.offset && p.range.end === n.offset + n.length),
              `${p.code} is located in the body: ${text.slice(p.range.start, p.range.end)}`,
            );
          }
          const errors = problems.filter(p => p.severity === 'error').map(p => p.code);
          if (errors.length) refused++;
          const validated = await createCcmacroService({
            fs: new InMemoryFileSystem(),
            macroSchema: ajvMacroSchema(),
          }).validate({ path: MACRO_PATH, text });
          for (const code of errors)
            assert.ok(
              validated.problems.some(p => p.code === code && p.severity === 'error'),
              `validate reports ${code}`,
            );
        }
        assert.ok(refused > 0, `none of ${JSON.stringify(BAD_BODIES)} is refused by ${target.id}'s check`);
      });
    }

    if (target.receiver) {
      describe('the local test receiver', () => {
        let receiver: Receiver;
        before(async () => {
          receiver = await startReceiver();
        });
        after(async () => receiver.close());

        it(`aims its macros at /${target.id}/…, and answers as its check says: success for a good payload, its error for a bad one`, async () => {
          const aimed = new URL(receiverTargetUrl(receiver.url, 'https://x.test/hook', 'My macro', target.id));
          assert.ok(aimed.pathname.startsWith(`/${target.id}/`), aimed.pathname);
          // Each template as it is sent (its method, address and Content-Type), then bad bodies sent like the first.
          const good = target.templates.map(t => {
            const r = renderMacro(parseMacro(macroTemplate(t.kind, 'x')), { sample: FEEDBACK.items[0] });
            const url = new URL(receiverTargetUrl(receiver.url, r.request!.url, 'My macro', target.id));
            assert.ok(url.pathname.startsWith(`/${target.id}/`), url.pathname);
            return {
              method: r.request!.method,
              url,
              contentType: r.request!.contentType,
              bodyText: r.request!.bodyText!,
            };
          });
          const first = good[0] ?? { method: 'POST', url: aimed, contentType: 'application/json' };
          const bad = BAD_BODIES.map(b => ({ ...first, bodyText: JSON.stringify(b) }));
          for (const sent of [...good, ...bad]) {
            const { method, url, contentType = 'application/json', bodyText } = sent;
            const findings = await target.checkPayload!({ method, url: url.href, contentType, bodyText });
            const refuses = findings.some(f => f.severity === 'error');
            const res = await fetch(url, { method, body: bodyText, headers: { 'content-type': contentType } });
            await res.text();
            assert.equal(res.status >= 400, refuses, `${bodyText.slice(0, 80)}: answered ${res.status}`);
            if (good.includes(sent)) assert.ok(res.status >= 200 && res.status < 300, `a template: ${res.status}`);
          }
        });
      });
    }

    if (target.preview) {
      it(`draws its "${target.preview.tab}" tab from a plain-JSON view model`, () => {
        for (const t of target.templates) {
          const text = macroTemplate(t.kind, 'x');
          const r = renderMacro(parseMacro(text), { sample: HOSTILE_SAMPLE.items[0] });
          const m = buildPreviewModel({
            seq: 1,
            documentUri: 'file:///m.ccmacro.json',
            fileName: 'm.ccmacro.json',
            documentText: text,
            render: r,
            problems: r.problems,
            samples: [],
            locked: false,
          });
          assert.equal(m.targetTab?.label, target.preview!.tab);
          assert.equal(m.targetTab?.view?.target, target.id);
          assert.deepEqual(JSON.parse(JSON.stringify(m.targetTab)), m.targetTab, 'nothing but JSON is posted');
        }
      });
    }

    it('its templates say or are recognised as this target, validate clean, and render with the built-in samples', async () => {
      for (const t of target.templates) {
        const text = macroTemplate(t.kind, 'My macro');
        const parsed = parseMacro(text);
        assert.equal(macroTarget(parsed), target.id, t.kind);
        // In a workspace with the target's other templates: a template may use what another saves (the Jira update
        // macro's ((Jira Key)), which the create macro's returnValues save).
        const service = createCcmacroService({ fs: new InMemoryFileSystem(), macroSchema: ajvMacroSchema() });
        for (const other of target.templates)
          await service.updateMacro(`/proj/macros/${other.kind}.ccmacro.json`, macroTemplate(other.kind, 'x'));
        const { problems } = await service.validate({ path: MACRO_PATH, text });
        assert.deepEqual(
          problems.filter(p => p.severity !== 'info').map(p => `${p.code}: ${p.message}`),
          [],
          t.kind,
        );
        for (const sample of BUILTIN_SAMPLES.filter(s => s.scope !== 'user'))
          for (const item of sample.items as SampleItem[]) {
            const r = renderMacro(parsed, { sample: item });
            assert.ok(r.request, `${t.kind} with ${sample.id}: ${r.problems.map(p => p.code).join(', ')}`);
          }
        assert.ok(
          nodeAtPath(parseMacro(JSON.stringify(t.snippet.body)).root, ['request']),
          'the snippet has a request',
        );
      }
    });
  });
}

function setAt(value: unknown, path: readonly PathSegment[], to: unknown): void {
  let v = value as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) v = v[seg] as Record<string | number, unknown>;
  v[path[path.length - 1]] = to;
}
