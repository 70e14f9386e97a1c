// yaml-language-server (behind ./yamlService) is loaded when completion or hover first needs it, or once the
// first diagnostics are out, never before: it is most of the server's code and compiles JSON meta-schemas when
// it loads, which would delay the first diagnostics. The build keeps `./yamlService` out of dist/server.js and
// bundles it as dist/yamlService.js next to it; only `import type` refers to it elsewhere.
import type { ClientCapabilities, CompletionList, Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { YamlFile } from '../engine/yamlFile';
import type { YamlService } from './yamlService';

export class DeferredYamlService {
  private service: Promise<YamlService> | undefined;

  /** `capabilities` are the client's: they decide e.g. whether completion documentation is markdown. */
  constructor(private readonly capabilities: ClientCapabilities) {}

  /** Loads yaml-language-server now, off the path of any request (a failure shows on the first request). */
  preload(): void {
    this.load().catch(() => undefined);
  }

  async complete(document: TextDocument, file: YamlFile, position: Position): Promise<CompletionList> {
    return (await this.load()).complete(document, file, position);
  }

  async hover(document: TextDocument, file: YamlFile, position: Position): Promise<Hover | null> {
    return (await this.load()).hover(document, file, position);
  }

  private load(): Promise<YamlService> {
    this.service ??= import('./yamlService').then(
      (module) => new module.YamlService(this.capabilities),
      (error: unknown) => {
        this.service = undefined; // the next request tries again
        throw new Error(`Completion and hover are unavailable: yaml-language-server could not be loaded (${(error as Error).message})`);
      },
    );
    return this.service;
  }
}
