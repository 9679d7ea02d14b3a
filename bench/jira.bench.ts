/**
 * The Jira ADF check on a large description (2,000 blocks — paragraphs with marks and links, headings, lists, code
 * blocks, panels — about 400 KB, far past Jira's 32,767 characters), next to ajv compiling Atlassian's schema
 * (full.json) and running it alone, measured in the same run. The check adds what ajv's errors lack: the node a
 * problem is at and what is expected there. Target: the check within 3x of ajv running the compiled schema, and
 * well below compiling it (the check needs no compilation).
 */
import Ajv from 'ajv';
import ADF_SCHEMA from '../src/core/targets/jira/adf/full.json';
import { checkAdf } from '../src/core/targets/jira/adf/check';
import { line, timeMedian } from './util';
import type { BenchReport } from './index';

function largeDescription(n: number) {
  const content: unknown[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0:
        content.push({
          type: 'paragraph',
          content: [
            { type: 'text', text: `Row ${i}: ` },
            { type: 'text', text: 'bold', marks: [{ type: 'strong' }] },
            { type: 'text', text: ' link', marks: [{ type: 'link', attrs: { href: `https://x.test/${i}` } }] },
          ],
        });
        break;
      case 1:
        content.push({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: `Heading ${i}` }] });
        break;
      case 2:
        content.push({
          type: 'bulletList',
          content: [1, 2, 3].map(k => ({
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: `item ${k}` }] }],
          })),
        });
        break;
      case 3:
        content.push({
          type: 'codeBlock',
          attrs: { language: 'js' },
          content: [{ type: 'text', text: 'x = 1;\n'.repeat(5) }],
        });
        break;
      default:
        content.push({
          type: 'panel',
          attrs: { panelType: 'info' },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: `note ${i}` }] }],
        });
    }
  }
  return { type: 'doc', version: 1, content };
}

export function run(report: BenchReport): void {
  const doc = largeDescription(2000);
  const bytes = JSON.stringify(doc).length;
  const schema = JSON.parse(JSON.stringify(ADF_SCHEMA)) as Record<string, unknown>;
  delete schema.$schema;
  const compile = () => new Ajv({ strict: false }).compile(schema);
  const validate = compile();
  if (!validate(doc) || checkAdf(doc, []).length) throw new Error('the bench document must be valid for both');
  report(`description: ${doc.content.length.toLocaleString('en-US')} blocks, ${(bytes / 1000).toFixed(0)} KB`);
  const ajvCompile = timeMedian(compile, 5, 1);
  const ajvRun = timeMedian(() => validate(doc));
  const check = timeMedian(() => checkAdf(doc, ['fields', 'description']));
  report(line('ajv compiling full.json', ajvCompile, 'ajv running it', ajvRun));
  report(line('checkAdf (located, plain-words problems)', check, 'ajv running it', ajvRun, { maxRatio: 3 }));
  const broken = JSON.parse(JSON.stringify(doc)) as { content: Array<{ type: string }> };
  broken.content[1999].type = 'paragraf';
  const checkBroken = timeMedian(() => checkAdf(broken, []));
  const ajvBroken = timeMedian(() => validate(broken));
  report(line('checkAdf, the last block unknown', checkBroken, 'ajv on it', ajvBroken, { maxRatio: 3 }));
}
