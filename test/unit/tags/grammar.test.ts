import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { REPO_ROOT } from '../../root';
import { assertGolden } from '../../golden';

const repo = REPO_ROOT;
const SNAPSHOT = path.join(repo, 'test/unit/tags/grammar.snapshot.txt');

const GRAMMARS: Record<string, string> = {
  'source.ccmacro': 'syntaxes/ccmacro.tmLanguage.json',
  'ccmacro.tags.injection': 'syntaxes/ccmacro-tags.injection.json',
  'source.json.comments': 'test/fixtures/grammars/json-comments.tmLanguage.json',
};

let registry: vsctm.Registry | undefined;
async function grammar(): Promise<vsctm.IGrammar> {
  if (!registry) {
    const wasm = fs.readFileSync(path.join(repo, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: s => new oniguruma.OnigScanner(s),
        createOnigString: s => new oniguruma.OnigString(s),
      }),
      loadGrammar: async scopeName => {
        const rel = GRAMMARS[scopeName];
        if (!rel) return null;
        const file = path.join(repo, rel);
        return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
      // As package.json's "injectTo": ["source.ccmacro"].
      getInjections: scopeName => (scopeName === 'source.ccmacro' ? ['ccmacro.tags.injection'] : undefined),
    });
  }
  const g = await registry.loadGrammar('source.ccmacro');
  assert.ok(g);
  return g;
}

/** Each token of the text as `text  → innermost ccmacro/json scopes`, one line each. */
async function tokenize(text: string): Promise<Array<{ text: string; scopes: string[] }>> {
  const g = await grammar();
  let state = vsctm.INITIAL;
  const out: Array<{ text: string; scopes: string[] }> = [];
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) });
    state = r.ruleStack;
  }
  return out;
}

function scopeOf(tokens: Array<{ text: string; scopes: string[] }>, text: string, nth = 0): string[] {
  const hits = tokens.filter(t => t.text === text);
  assert.ok(hits[nth], `token ${JSON.stringify(text)} not found in ${JSON.stringify(tokens.map(t => t.text))}`);
  return hits[nth].scopes;
}

const FIXTURE = [
  '{',
  '  // tags in strings, not in keys',
  '  "request": {',
  '    "url": "https://x/((Feedback ID))?t=${secret:TOKEN}&e=${env:HOME}",',
  '    "headers": { "X-((Title))": "(( Title ))", "X-[[Title]]": "[[Feedback ID]] \\\\[[no tag]] [[[Status]]] [[a[b]] [[ Team ]]" },',
  '    "body": { "text": "New: ((Titel)) by ((Submitter Name)) \\\\((not a tag)) (((Title))) (()) ((a(b)) \\"((Priorit\\u00e9))\\"" }',
  '  }',
  '}',
].join('\n');

describe('TextMate grammar for tags', () => {
  it('scopes the parentheses and the name of a tag separately', async () => {
    const tokens = await tokenize(FIXTURE);
    assert.ok(scopeOf(tokens, '((').includes('punctuation.definition.tag.begin.ccmacro'));
    assert.ok(scopeOf(tokens, 'Feedback ID').includes('variable.other.tag.ccmacro'));
    assert.ok(scopeOf(tokens, 'Feedback ID').includes('string.quoted.double.json.comments'));
    assert.ok(scopeOf(tokens, '))').includes('punctuation.definition.tag.end.ccmacro'));
    assert.ok(scopeOf(tokens, 'Submitter Name').includes('variable.other.tag.ccmacro'));
    assert.ok(scopeOf(tokens, 'Priorit\\u00e9').includes('variable.other.tag.ccmacro'), 'names with JSON escapes');
  });

  it('scopes placeholders and the \\(( escape, and leaves keys and single parentheses alone', async () => {
    const tokens = await tokenize(FIXTURE);
    assert.ok(scopeOf(tokens, '${').includes('punctuation.definition.placeholder.begin.ccmacro'));
    assert.ok(scopeOf(tokens, 'TOKEN').includes('variable.other.placeholder.ccmacro'));
    assert.ok(scopeOf(tokens, '\\\\((').includes('constant.character.escape.ccmacro'));
    const key = tokens.find(t => t.text.includes('X-((Title))'));
    assert.ok(key && !key.scopes.some(s => s.endsWith('.ccmacro')), 'property names are not highlighted as tags');
    assert.ok(scopeOf(tokens, 'Title', 0).includes('variable.other.tag.ccmacro'), '(( Title )) with spaces');
    const comment = tokens.find(t => t.text.includes('tags in strings'));
    assert.ok(comment && comment.scopes.some(s => s.startsWith('comment.line')));
  });

  it('scopes [[tags]] (a brackets project) as tags too, with their \\[[ escape, and not in keys', async () => {
    const tokens = await tokenize(FIXTURE);
    assert.ok(scopeOf(tokens, '[[').includes('punctuation.definition.tag.begin.ccmacro'));
    assert.ok(scopeOf(tokens, 'Feedback ID', 1).includes('variable.other.tag.ccmacro'));
    assert.ok(scopeOf(tokens, ']]').includes('punctuation.definition.tag.end.ccmacro'));
    assert.ok(scopeOf(tokens, '\\\\[[').includes('constant.character.escape.ccmacro'));
    assert.ok(scopeOf(tokens, 'Status').includes('variable.other.tag.ccmacro'), 'the last two of a run of [');
    assert.ok(scopeOf(tokens, 'Team').includes('variable.other.tag.ccmacro'), '[[ Team ]] with spaces');
    const key = tokens.find(t => t.text.includes('X-[[Title]]'));
    assert.ok(key && !key.scopes.some(s => s.endsWith('.ccmacro')), 'property names are not highlighted as tags');
    const bad = tokens.find(t => t.text.includes('a[b'));
    assert.ok(bad && !bad.scopes.includes('variable.other.tag.ccmacro'), 'a name holding [ is no tag');
  });

  it('matches the pinned snapshot', async () => {
    const tokens = await tokenize(FIXTURE);
    // Structure scopes (meta.structure.*) are left out so the snapshot shows what themes colour.
    const actual =
      tokens
        .map(
          t =>
            `${JSON.stringify(t.text).padEnd(24)} ${t.scopes.filter(s => !s.startsWith('meta.structure.')).join(' ')}`,
        )
        .join('\n') + '\n';
    assertGolden(SNAPSHOT, actual, 'the grammar scopes changed');
  });
});
