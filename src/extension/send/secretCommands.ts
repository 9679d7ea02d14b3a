import * as vscode from 'vscode';
import type { CcmacroService } from '../../core';
import type { SecretResolver } from '../../core/host';

/** The password prompt shown the first time a macro uses an unknown ${secret:NAME}. */
async function askForSecretValue(name: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `ccmacro: secret ${name}`,
    prompt: `Value for secret ${name} (stored in VS Code's secret storage, never in the file)`,
    password: true,
    ignoreFocusOut: true,
    validateInput: v => (v ? undefined : 'Type the value, or press Escape to cancel'),
  });
}

/** ${secret:} from SecretStorage (asking for unknown ones), ${env:} from the extension host's environment. */
export function editorSecretResolver(core: CcmacroService, environment?: string): SecretResolver {
  return core.vaultResolver({ env: process.env, askForSecret: askForSecretValue, environment });
}

/**
 * For sends to the local test receiver: stored secrets and the environment when they have a value,
 * otherwise a visible stand-in ("test-secret-NAME") instead of a prompt.
 */
export function receiverSecretResolver(core: CcmacroService, environment?: string): SecretResolver {
  return core.vaultResolver({ env: process.env, fallback: (kind, name) => `test-${kind}-${name}`, environment });
}

export async function askForSecretName(
  core: CcmacroService,
  opts: { title: string; value?: string; forNewValue: boolean },
): Promise<string | undefined> {
  const existing = core.secretVault().names();
  return vscode.window.showInputBox({
    title: opts.title,
    prompt: 'Secret name, used in a macro as ${secret:NAME}',
    value: opts.value,
    ignoreFocusOut: true,
    validateInput: v => {
      const problem = core.secretNameProblem(v);
      if (problem) return problem;
      if (opts.forNewValue && existing.includes(v)) {
        return {
          message: `A secret named ${v} already exists: its value will be replaced.`,
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      }
      return undefined;
    },
  });
}

/**
 * The consent an importer asks for each credential it moved out of the file, as "Move to secret storage" does: one
 * secret at a time, its name confirmed (or changed) stores it, Escape leaves it for later. `mode` answers for every
 * secret without asking (tests, other commands). Returns the names stored and the renames to apply to the text.
 */
export async function offerToStoreSecrets(
  core: CcmacroService,
  secrets: readonly { name: string; value: string; what: string }[],
  mode?: 'store' | 'skip',
): Promise<{ stored: string[]; rename: Map<string, string> }> {
  const rename = new Map<string, string>();
  const stored: string[] = [];
  for (const s of secrets) {
    const name =
      mode === 'store'
        ? s.name
        : mode === 'skip'
          ? undefined
          : await askForSecretName(core, {
              title: `Store ${s.what} in VS Code's secret storage? (Escape: not now)`,
              value: s.name,
              forNewValue: true,
            });
    if (!name) continue;
    await core.secretVault().set(name, s.value);
    stored.push(name);
    if (name !== s.name) rename.set(s.name, name);
  }
  return { stored, rename };
}

/** The text with each `${secret:OLD}` of `rename` written as `${secret:NEW}`. */
export function renameSecrets(text: string, rename: ReadonlyMap<string, string>): string {
  return rename.size
    ? text.replace(/\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, n: string) =>
        rename.has(n) ? `\${secret:${rename.get(n)}}` : whole,
      )
    : text;
}

/** "ccmacro: Set Secret…". Arguments (name, value) skip the prompts, for tests and other extensions. */
export async function setSecret(core: CcmacroService, nameArg?: unknown, valueArg?: unknown): Promise<boolean> {
  const name =
    typeof nameArg === 'string'
      ? nameArg
      : await askForSecretName(core, { title: 'ccmacro: Set Secret', forNewValue: true });
  if (!name) return false;
  const problem = core.secretNameProblem(name);
  if (problem) {
    void vscode.window.showErrorMessage(`"${name}" cannot be a secret name. ${problem}.`);
    return false;
  }
  const value = typeof valueArg === 'string' ? valueArg : await askForSecretValue(name);
  if (!value) return false;
  await core.secretVault().set(name, value);
  if (typeof valueArg !== 'string') void vscode.window.showInformationMessage(storedMessage(name));
  return true;
}

/** What Set Secret and Move to secret storage say once the value is stored. */
export function storedMessage(name: string): string {
  return `Secret ${name} is stored in VS Code's secret storage. Use it in a macro as \${secret:${name}}.`;
}

/**
 * What a command that created a macro says: `created`, then the secrets it stored, those still to set, and its notes
 * (New Macro from cURL, New Macro from Centercode Body).
 */
export function createdMacroMessage(created: string, stored: string[], unset: string[], notes: string[]): string {
  const parts = [created];
  if (stored.length)
    parts.push(
      stored.length === 1
        ? storedMessage(stored[0])
        : `Secrets ${stored.join(', ')} are stored in VS Code's secret storage.`,
    );
  if (unset.length)
    parts.push(`Set ${unset.map(n => `\${secret:${n}}`).join(', ')} before sending ("ccmacro: Set Secret").`);
  parts.push(...notes);
  return parts.join(' ');
}

/** "ccmacro: Delete Secret…". A name argument skips the question. */
export async function deleteSecret(core: CcmacroService, nameArg?: unknown): Promise<boolean> {
  const vault = core.secretVault();
  let name = typeof nameArg === 'string' ? nameArg : undefined;
  if (!name) {
    const names = vault.names();
    if (names.length === 0) {
      void vscode.window.showInformationMessage('ccmacro has no stored secrets.');
      return false;
    }
    name = await vscode.window.showQuickPick(names, {
      title: 'ccmacro: Delete Secret',
      placeHolder: 'The secret to delete',
    });
  }
  if (!name) return false;
  await vault.delete(name);
  if (typeof nameArg !== 'string') void vscode.window.showInformationMessage(`Secret ${name} deleted.`);
  return true;
}

/** "ccmacro: List Secret Names": names only, values are never shown. */
export function listSecretNames(core: CcmacroService): string[] {
  const names = core.secretVault().names();
  if (names.length === 0) {
    void vscode.window.showInformationMessage(
      'ccmacro has no stored secrets. A macro asks for the value the first time it uses ${secret:NAME}.',
    );
  } else {
    void vscode.window.showQuickPick(
      names.map(n => ({ label: n, description: `\${secret:${n}}` })),
      {
        title: `ccmacro: ${names.length} stored secret name(s) (values are never shown)`,
        placeHolder: 'Names only; values stay in secret storage',
      },
    );
  }
  return names;
}
