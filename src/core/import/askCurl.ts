/**
 * The questions "ccmacro: New Macro from cURL…" asks, over the same UI pieces as New Macro from Centercode Body (the
 * clipboard offered first, then an input box, then the name), so the extension passes VS Code's and tests pass answers.
 */
import type { CentercodeFormUi } from '../centercode/askForm';
import { defaultMacroName } from '../centercode/form';
import { LineIndex } from '../common/text';
import { defaultMasker } from '../secrets/mask';
import { parseCurl, type CurlError } from './curl';

export interface CurlAnswers {
  command: string;
  name: string;
}

/** A parse error as one sentence with its place: "line 2, column 6: Unclosed ' quote …". */
export function curlErrorText(command: string, e: CurlError): string {
  const at = new LineIndex(command).positionAt(e.start);
  const lines = command.split(/\r?\n/).length;
  // The message quotes the command where it stops, which may be in the middle of a credential.
  return `${lines > 1 ? `line ${at.line + 1}, ` : ''}column ${at.character + 1}: ${defaultMasker.text(e.message)}`;
}

/** The command (the clipboard's when it holds one and the user takes it) and the macro's name; undefined when cancelled. */
export async function askCurlCommand(ui: CentercodeFormUi): Promise<CurlAnswers | undefined> {
  const title = 'New macro from cURL';
  const clip = (
    await Promise.resolve(ui.readClipboard()).then(
      t => t,
      () => '',
    )
  ).trim();
  let command: string | undefined;
  if (/^(\$\s+)?curl(\.exe)?\s/i.test(clip)) {
    const lines = clip.split(/\r?\n/).length;
    // What the quick pick shows of the command never shows a credential.
    const shown = defaultMasker.text(clip.slice(0, 100)).replace(/\s+/g, ' ');
    const choice = await ui.pick(
      [
        {
          id: 'clip',
          label: 'Use the cURL command on the clipboard',
          detail: `${shown}${clip.length > 100 ? '…' : ''} (${lines} line${lines === 1 ? '' : 's'})`,
        },
        { id: 'type', label: 'Paste or type a command' },
      ],
      { title: `${title} (1/2): command`, placeHolder: 'Copy as cURL from the browser or the API docs first' },
    );
    if (!choice) return undefined;
    if (choice === 'clip') command = clip;
  }
  if (command === undefined) {
    command = await ui.input({
      title: `${title} (1/2): command`,
      prompt: 'Paste a cURL command (bash or Windows cmd quoting, as "Copy as cURL" writes it)',
      placeHolder: "curl -X POST -H 'Content-Type: application/json' -d '{…}' https://…",
      validate: v => {
        if (!v.trim()) return 'Paste a cURL command';
        const r = parseCurl(v);
        return r.ok ? undefined : curlErrorText(v, r.error);
      },
    });
    if (command === undefined) return undefined;
  }
  const parsed = parseCurl(command);
  const suggested = defaultMacroName(parsed.ok && !parsed.value.url.startsWith('${') ? parsed.value.url : '');
  const name = await ui.input({
    title: `${title} (2/2): name`,
    prompt: 'Name of the macro, as it appears in Centercode',
    placeHolder: suggested,
    validate: () => undefined,
  });
  if (name === undefined) return undefined;
  return { command, name: name.trim() || suggested };
}
