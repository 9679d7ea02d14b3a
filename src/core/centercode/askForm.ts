import { splitHeaderLine, type CentercodeInput } from './form';

/**
 * The questions "New Macro from Centercode Body…" asks, over whatever asks them: the extension passes VS Code's
 * quick pick, input box and clipboard; tests pass answers. Every answer may be undefined (the user pressed Escape).
 */
export interface CentercodeFormUi {
  /** The clipboard's text. May reject: browser-hosted VS Code can refuse clipboard reads. */
  readClipboard(): PromiseLike<string>;
  /** One of `items`, by id. */
  pick(
    items: Array<{ id: string; label: string; detail?: string }>,
    options: { title: string; placeHolder?: string },
  ): PromiseLike<string | undefined>;
  /** Free text; `validate` returns a sentence while the text cannot be accepted. */
  input(options: {
    title: string;
    prompt: string;
    placeHolder?: string;
    validate?: (value: string) => string | undefined;
  }): PromiseLike<string | undefined>;
}

/**
 * Asks for Centercode's webhook form field by field: the body (the clipboard's text is offered first; when the
 * clipboard is empty or cannot be read, the body is typed or pasted into an input box), URL, method and headers.
 * Undefined when the user cancels any question.
 */
export async function askCentercodeForm(ui: CentercodeFormUi): Promise<CentercodeInput | undefined> {
  const clip = (
    await Promise.resolve(ui.readClipboard()).then(
      t => t,
      () => '',
    )
  ).trim();
  let body: string | undefined;
  if (clip) {
    const lines = clip.split(/\r?\n/).length;
    const choice = await ui.pick(
      [
        {
          id: 'clip',
          label: 'Use the body on the clipboard',
          detail: `${clip.slice(0, 100).replace(/\s+/g, ' ')}${clip.length > 100 ? '…' : ''} (${lines} line${lines === 1 ? '' : 's'})`,
        },
        { id: 'type', label: 'Type or paste the body' },
        { id: 'none', label: 'No body' },
      ],
      {
        title: 'New macro from Centercode (1/4): body',
        placeHolder: "Copy the Body field of Centercode's webhook form first",
      },
    );
    if (!choice) return undefined;
    body = choice === 'clip' ? clip : choice === 'none' ? '' : undefined;
  }
  if (body === undefined) {
    body = await ui.input({
      title: 'New macro from Centercode (1/4): body',
      prompt: "Paste the Body field of Centercode's webhook form (empty for none)",
    });
    if (body === undefined) return undefined;
  }
  const url = await ui.input({
    title: 'New macro from Centercode (2/4): URL',
    prompt: 'The webhook URL. A Slack webhook URL is stored as a secret, not in the file.',
    placeHolder: 'https://…',
    validate: v => (v.trim() ? undefined : 'The URL is required'),
  });
  if (url === undefined) return undefined;
  const method = await ui.pick(
    ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'].map(m => ({ id: m, label: m })),
    { title: 'New macro from Centercode (3/4): method' },
  );
  if (!method) return undefined;
  const headers = await ui.input({
    title: 'New macro from Centercode (4/4): headers',
    prompt:
      'Optional. "Name: value", several separated by ";" before the next name, e.g. Content-Type: application/json; X-Team: QA',
  });
  if (headers === undefined) return undefined;
  return { body, url, method, headers: splitHeaderLine(headers) };
}
