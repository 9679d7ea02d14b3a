import type { CheckEnvironment } from '../check/types';
import { SampleFileCache } from '../samples/parse';
import { Sender } from '../send/send';
import { TagCatalogs } from '../tags/catalog';
import { EnvironmentFiles } from '../environments/environments';
import type { ServiceContext } from './context';
import type { FileSystemLike } from '../host';
import { ProjectConfigs, type AppliedConfig } from '../project/config';
import type { TagSyntax } from '../project/tagSyntax';

/**
 * The state the service's methods share, made with them on the first call: parsed sample files and the tag catalogs
 * built from them (validation and the tag features read the same), and the one sender (its connections kept alive
 * until dispose).
 */
export class ServiceState {
  readonly env: CheckEnvironment;
  private senderMade: Sender | undefined;

  /** Project configs (`.ccmacro/config.json`): each macro's tag syntax. */
  readonly configs: ProjectConfigs;

  constructor(readonly ctx: ServiceContext) {
    this.configs = new ProjectConfigs(ctx.fs, ctx.host.pathKind);
    const sampleFiles = new SampleFileCache();
    const catalogs = new TagCatalogs(ctx.fs, sampleFiles);
    if (ctx.macroSource) catalogs.externalData.setLoader(ctx.macroSource);
    ctx.onMacroSource = load => catalogs.externalData.setLoader(load);
    const schema = ctx.host.macroSchema;
    this.env = {
      fs: ctx.fs,
      catalogs,
      sampleFiles,
      configs: this.configs,
      environments: new EnvironmentFiles(ctx.fs),
      ...(schema ? { schema } : {}),
    };
  }

  /** The tree the macro is in (the host's answer), where its project config is looked for. */
  async rootOf(macroPath: string): Promise<string | undefined> {
    return this.ctx.host.treeRoot?.(macroPath);
  }

  /** The project config that applies to the macro at `macroPath` (read through `fs`, default the host's). */
  async configOf(macroPath: string, fs?: FileSystemLike): Promise<AppliedConfig> {
    const root = await this.rootOf(macroPath);
    const configs = fs && fs !== this.ctx.fs ? new ProjectConfigs(fs) : this.configs;
    return configs.forMacro(macroPath, root);
  }

  /** The macro's tag syntax: its project's `tagSyntax`, else parentheses. */
  async syntaxOf(macroPath: string, fs?: FileSystemLike): Promise<TagSyntax> {
    return (await this.configOf(macroPath, fs)).tagSyntax;
  }

  get fs() {
    return this.ctx.fs;
  }

  sender(): Sender {
    return (this.senderMade ??= new Sender());
  }

  async dispose(): Promise<void> {
    await this.senderMade?.close();
  }
}
