/**
 * ccmacro's core, reached through one service object, as MDLS's `createLanguageService(host)`: the VS Code extension
 * and the CLI each create one with their host's interfaces (src/core/host.ts) and do everything through its methods,
 * so the inside of the core can change freely. The service owns the state: parsed sample files, the tag catalogs,
 * the sender's connections, the editor's stores. Long work takes a CancellationToken.
 *
 * Creating the service costs nothing: the methods that do the core's work (service/methods.ts) are loaded together on
 * the first call of any of them, and the few a host needs at once (its stores, what it says changed) are here.
 *
 * What callers may still import directly: types from anywhere in src/core, and the small pure modules listed in
 * eslint.config.mjs (PURE_CORE_MODULES: text positions, problem formatting, Result, control characters, …).
 */
import type { CcmacroHost } from './host';
import type { ExternalDataFile } from './tags/externalData';
import { once, ServiceContext } from './service/context';
import type { ServiceMethods } from './service/methods';
import { stores, type Stores } from './service/stores';

export type { MacroDocument } from './service/context';
export type { CheckOptions, MacroOutline } from './service/checks';
export type { CompletionRequest, TagOptions } from './service/tags';
export type { PreviewOptions } from './service/render';
export type { LoggedExchange } from './service/send';

/** What the host says changed, without waiting for any work. */
export interface HostNotes {
  /** A tag catalog, a sample file or a setting changed: per-document tag work is done again. */
  tagInputsChanged(): void;
  /** How to list every macro (the editor's workspace scan): listed the first time a tag catalog is needed. */
  setMacroSource(load: () => Promise<ExternalDataFile[]>): void;
}

export interface CcmacroService extends Omit<ServiceMethods, 'dispose'>, Stores, HostNotes {
  /** Close what the service holds open (the sender's connections); loads nothing when nothing was sent. */
  dispose(): Promise<void>;
}

type Loaded = Exclude<keyof ServiceMethods, 'dispose'>;
/** The methods loaded on first call, by name: one missing here, or not a method, is a compile error naming it. */
const METHODS: Record<Loaded, true> = {
  // service/checks.ts
  validate: true,
  validateCatalog: true,
  projectCatalogs: true,
  literalSecrets: true,
  targetFix: true,
  macroOutline: true,
  // service/tags.ts
  completions: true,
  hover: true,
  definition: true,
  tagFixes: true,
  placeholderNames: true,
  updateMacro: true,
  // service/tagSyntax.ts
  projectConfig: true,
  convertTagSyntax: true,
  tagSyntaxConfigEdit: true,
  // service/render.ts
  preview: true,
  renderWithSample: true,
  render: true,
  targetProblems: true,
  curl: true,
  requestText: true,
  sampleItems: true,
  revealTarget: true,
  // service/snapshots.ts
  testSnapshot: true,
  renderSnapshot: true,
  compareSnapshot: true,
  snapshotSamples: true,
  snapshotTextAccepting: true,
  textAddingNewItems: true,
  snapshotPathProblem: true,
  snapshotSizeProblem: true,
  snapshotWriteProblem: true,
  snapshotUnsavedProblem: true,
  // service/send.ts
  loadForSend: true,
  prepareRequest: true,
  send: true,
  sendBulk: true,
  bulkSummary: true,
  masker: true,
  exchangeLog: true,
  logEntry: true,
  returnValueWarnings: true,
  sendOptions: true,
  loadCaFile: true,
  proxyFromEnv: true,
  // service/receiver.ts
  startReceiver: true,
  formatReceivedRequest: true,
  receiverTargetUrl: true,
  receiverTargetPaths: true,
  receiverTargetsHelp: true,
  // service/secrets.ts
  envSecretResolver: true,
  planMoveToSecret: true,
  suggestSecretName: true,
  secretNamesIn: true,
  secretEnvName: true,
  // service/environments.ts
  environments: true,
  environmentFileProblems: true,
  varCompletions: true,
  varHover: true,
  // service/create.ts
  macroTemplates: true,
  macroTemplate: true,
  askCentercodeForm: true,
  fromCentercodeForm: true,
  centercodeForm: true,
  askCurlCommand: true,
  importCurl: true,
  curlErrorText: true,
  importPostman: true,
};

export function createCcmacroService(host: CcmacroHost): CcmacroService {
  const ctx = new ServiceContext(host);
  let made: ServiceMethods | undefined;
  const methods = once(async () => (made = (await import('./service/methods')).serviceMethods(ctx)));
  const later = <K extends Loaded>(name: K) =>
    (async (...args: unknown[]) =>
      ((await methods())[name] as (...a: unknown[]) => unknown)(...args)) as unknown as ServiceMethods[K];
  return Object.freeze({
    ...(Object.fromEntries(Object.keys(METHODS).map(name => [name, later(name as Loaded)])) as Pick<
      ServiceMethods,
      Loaded
    >),
    ...stores(ctx),
    tagInputsChanged() {
      ctx.generation++;
    },
    setMacroSource(load: () => Promise<ExternalDataFile[]>) {
      ctx.macroSource = load;
      ctx.onMacroSource?.(load);
    },
    dispose: async () => {
      if (made) await made.dispose();
    },
  });
}
