import * as vscode from 'vscode';
import { NO_MACRO_MESSAGE } from '../macroEditors';
import type { ExtensionServices } from '../services';
import { macroDocument, workspaceRelativePath } from '../workspace';
import { sampleKey } from '../../core/samples/key';
import { describeSampleItem } from '../../core/samples/describe';
import { formatProblem } from '../../core/common/problem';
import { LineIndex } from '../../core/common/text';

/**
 * "Copy as cURL": the request rendered with the sample the preview shows (or the macro's default),
 * secrets as environment-variable references. Returns the text copied, or undefined.
 */
export async function copyAsCurl(
  services: ExtensionServices,
  doc: vscode.TextDocument | undefined,
): Promise<string | undefined> {
  if (!doc) {
    void vscode.window.showInformationMessage(NO_MACRO_MESSAGE);
    return undefined;
  }
  const core = services.core;
  // The same sample item the preview shows and a send would use.
  const choice = services.samples.get(doc.uri);
  const key = choice ? sampleKey(choice.id, choice.index) : undefined;
  // With the active environment's ${var:…} values, as the preview shows and a send would use.
  const { name: environment } = await services.environments.forMacro(doc.uri);
  const r = await core.renderWithSample(macroDocument(doc), key, undefined, environment);
  const request = r.result?.request;
  // Refused for exactly what stops a send: an error in the macro file, in the sample, or in the render.
  const macroWhere = workspaceRelativePath(doc.uri);
  const sampleWhere = r.sample.path ? workspaceRelativePath(r.sample.path) : r.sample.name;
  const located = [
    ...r.unusable.map(p => formatProblem(macroWhere, p, new LineIndex(r.parsed.text))),
    ...r.sample.problems
      .filter(p => p.severity === 'error')
      .map(p => formatProblem(sampleWhere, p, r.sample.text !== undefined ? new LineIndex(r.sample.text) : undefined)),
    ...(r.result?.problems ?? [])
      .filter(p => p.severity === 'error')
      .map(p => formatProblem(macroWhere, p, new LineIndex(r.parsed.text))),
  ];
  if (!request || located.length > 0) {
    void vscode.window.showErrorMessage(
      `The request cannot be rendered: ${located[0] ?? 'there is no sample item to render with.'}`,
    );
    return undefined;
  }
  const curl = await core.curl(r.parsed, request, r.result!);
  if (!curl.ok) {
    void vscode.window.showErrorMessage(
      `No cURL command: ${formatProblem(macroWhere, curl.error, new LineIndex(r.parsed.text))}`,
    );
    return undefined;
  }
  const text = curl.value;
  await vscode.env.clipboard.writeText(text);
  const refs =
    (request.placeholders ?? []).length > 0
      ? ' Secrets are environment-variable references (e.g. $CCMACRO_SECRET_NAME): set them before running it.'
      : '';
  void vscode.window.showInformationMessage(
    `Copied the request as a cURL command, rendered with ${describeSampleItem(r.sample, r.sample.index)}.${refs}`,
  );
  return text;
}

type FormPart = 'body' | 'url' | 'headers' | 'method' | 'all';

/**
 * "Copy for Centercode": one field of Centercode's webhook form (body with ((tags)) kept, URL,
 * `Name: value` header lines, method) or all of them. `part` skips the question (for tests).
 */
export async function copyForCentercode(
  services: ExtensionServices,
  doc: vscode.TextDocument | undefined,
  partArg?: unknown,
  environmentArg?: unknown,
): Promise<string | undefined> {
  if (!doc) {
    void vscode.window.showInformationMessage(NO_MACRO_MESSAGE);
    return undefined;
  }
  const core = services.core;
  // Centercode has no environments: the values of one are written in (the first with $confirm is offered first).
  const { envs } = await services.environments.forMacro(doc.uri);
  let environment: string | undefined;
  if (envs && envs.names().length > 0 && /\$\{var:/.test(doc.getText())) {
    if (typeof environmentArg === 'string' && envs.has(environmentArg)) environment = environmentArg;
    else {
      const first = envs.confirmed();
      const names = [...(first ? [first] : []), ...envs.names().filter(n => n !== first)];
      const picked = await vscode.window.showQuickPick(
        names.map(n => ({ label: n, description: envs.confirm(n) ? 'asks before sending' : '' })),
        { title: 'Copy for Centercode', placeHolder: "Which environment's ${var:…} values go into Centercode?" },
      );
      if (!picked) return undefined;
      environment = picked.label;
    }
  }
  const values: Record<string, string> = {};
  if (envs && environment !== undefined)
    for (const n of envs.varNames()) {
      const v = envs.lookup(environment, n);
      if (v) values[n] = v.value;
    }
  const made = await core.centercodeForm(macroDocument(doc), environment !== undefined ? values : undefined);
  if (!made.ok) {
    const why = made.error;
    void vscode.window.showErrorMessage(
      why === 'no-request'
        ? 'This macro has no "request" to copy yet.'
        : `The macro cannot be copied: ${formatProblem(workspaceRelativePath(doc.uri), why, new LineIndex(doc.getText()))}`,
    );
    return undefined;
  }
  const form = made.value;
  let part =
    typeof partArg === 'string' && ['body', 'url', 'headers', 'method', 'all'].includes(partArg)
      ? (partArg as FormPart)
      : undefined;
  if (!part) {
    const firstLine = (s: string) => s.split('\n', 1)[0].slice(0, 80);
    const items: Array<vscode.QuickPickItem & { part: FormPart }> = [
      {
        part: 'body',
        label: 'Body',
        description: 'the JSON/text body with its tags kept',
        detail: form.body ? firstLine(form.body) + (form.body.includes('\n') ? ' …' : '') : '(no body)',
      },
      { part: 'url', label: 'URL', detail: form.url },
      {
        part: 'headers',
        label: 'Headers',
        description: 'one "Name: value" line each',
        detail: form.headers ? firstLine(form.headers) : '(no headers)',
      },
      { part: 'method', label: 'Method', detail: form.method },
      { part: 'all', label: 'All fields', description: 'method, URL, headers and body as one text' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Copy for Centercode',
      placeHolder: "Which field of Centercode's webhook form?",
    });
    if (!picked) return undefined;
    part = picked.part;
  }
  const text = part === 'all' ? form.all : form[part];
  await vscode.env.clipboard.writeText(text);
  const what = part === 'all' ? 'all the form fields' : `the ${part === 'url' ? 'URL' : part}`;
  const hint = /\$\{(secret|env):/.test(text)
    ? ' It still holds ${secret:…}/${env:…} placeholders: type the real values into Centercode.'
    : '';
  const envNote =
    environment !== undefined
      ? ` The ${'$'}{var:…} values are "${environment}"'s${form.unresolvedVars ? ` (it has none for ${form.unresolvedVars.join(', ')}: still written as \${var:…})` : ''}.`
      : '';
  void vscode.window.showInformationMessage(`Copied ${what} for Centercode's webhook form.${envNote}${hint}`);
  return text;
}
