/**
 * The Teams card check on a large card (1,000 elements, about 110 KB: four times what Teams accepts), next to
 * parsing the same card with Microsoft's adaptivecards library alone (parse + validateProperties, what the check is
 * built on), measured in the same run. The check adds the message envelope, version and size rules, Teams' own
 * rules and a JSON path for every problem. Target: within 3x of the library alone.
 */
import { loadAdaptiveCards } from '../src/core/targets/teams/card';
import { checkTeamsMessage } from '../src/core/targets/teams/message';
import { parseMacro } from '../src/core/macro/parse';
import { renderMacro } from '../src/core/targets/render';
import { checkTargetPayload } from '../src/core/targets/check';
import { line, timeMedian, timeMedianAsync } from './util';
import type { BenchReport } from './index';

function largeCard(n: number) {
  const body: unknown[] = [];
  for (let i = 0; i < n / 2; i++) {
    body.push({
      type: 'TextBlock',
      text: `Row ${i} **bold** _it_ [link](https://x.test/${i})`,
      wrap: true,
      size: i % 7 ? 'Default' : 'Huge', // one problem in seven: the paths are part of the cost
    });
    body.push({
      type: 'FactSet',
      facts: [
        { title: `Key ${i}`, value: `Value ${i}` },
        { title: 'Other', value: 'x'.repeat(20) },
      ],
    });
  }
  return { type: 'AdaptiveCard', version: '1.4', body };
}

export async function run(report: BenchReport): Promise<void> {
  const AC = await loadAdaptiveCards();
  const card = largeCard(1000);
  const message = {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
  const text = JSON.stringify(message);
  const findings = await checkTeamsMessage(text);
  report(
    `card: ${card.body.length.toLocaleString('en-US')} elements, ${(text.length / 1000).toFixed(0)} KB, ${findings.length} findings`,
  );

  const jsonParse = timeMedian(() => JSON.parse(text));
  const library = timeMedian(() => {
    const c = new AC.AdaptiveCard();
    c.parse(JSON.parse(text).attachments[0].content, new AC.SerializationContext(AC.Versions.v1_4));
    c.validateProperties();
  });
  const check = await timeMedianAsync(() => checkTeamsMessage(text));
  report(line('JSON.parse of the message', jsonParse, 'library parse+validate', library));
  report(line('checkTeamsMessage (paths + Teams rules)', check, 'library parse+validate', library, { maxRatio: 3 }));

  // What the editor does per sample item of a Teams macro: render, then check (a realistic card, ~3 KB).
  const macro = JSON.stringify({
    name: 'Bench',
    target: 'teams',
    request: {
      method: 'POST',
      url: 'https://example.invalid/teams',
      body: {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              type: 'AdaptiveCard',
              version: '1.4',
              body: [
                { type: 'TextBlock', text: '**((Severity))** #((Feedback ID)): ((Title))', wrap: true },
                { type: 'TextBlock', text: '((Description))', wrap: true },
                {
                  type: 'FactSet',
                  facts: Array.from({ length: 10 }, (_, i) => ({ title: `Field ${i}`, value: '((Submitter Name))' })),
                },
              ],
              actions: [{ type: 'Action.OpenUrl', title: 'Open', url: '((Feedback URL))' }],
            },
          },
        ],
      },
    },
  });
  const sample = {
    Severity: 'Blocker',
    'Feedback ID': '10432',
    Title: 'App crashes *on* save',
    Description: 'Steps: 1. open [x](y)\n'.repeat(40),
    'Submitter Name': 'Dana_W',
    'Feedback URL': 'https://x.test/10432',
  };
  const parsed = parseMacro(macro);
  const rendered = renderMacro(parsed, { sample });
  const small = rendered.request!.bodyText!;
  const smallLibrary = timeMedian(() => {
    const c = new AC.AdaptiveCard();
    c.parse(JSON.parse(small).attachments[0].content, new AC.SerializationContext(AC.Versions.v1_4));
    c.validateProperties();
  });
  const editor = await timeMedianAsync(async () => checkTargetPayload(parsed, renderMacro(parsed, { sample })));
  report(
    line(
      `render + check, ${(small.length / 1000).toFixed(1)} KB card (per sample item)`,
      editor,
      'library parse+validate',
      smallLibrary,
    ),
  );
}
