// Findings → LSP diagnostics: validate when a document opens, again after a pause in typing (per
// document), everything again when settings or the known Credentials change, and clear on close.
// The pause is short when the edit was re-parsed on its own (a few milliseconds even on 1,000 nodes) and
// longer when the whole text must be parsed again, so fast typing does not queue full parses.
import type { Connection, Diagnostic, DiagnosticSeverity, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, Severity } from '../engine/findings';
import { INTERNAL_ERROR, validate } from '../engine/validate';
import type { CredentialsIndex } from '../engine/workspaceIndex';
import type { DocumentStore } from './documentStore';
import type { SettingsStore } from './settings';

export const DIAGNOSTIC_SOURCE = 'mks';
const PAUSE_AFTER_LOCAL_EDIT_MS = 50;
const PAUSE_BEFORE_WHOLE_PARSE_MS = 200;

/** Carried in `Diagnostic.data` so code actions can offer the rule's fixes for the version they were computed on. */
export interface DiagnosticData {
  version: number;
  fixes: Fix[];
}

const lspSeverity: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3, hint: 4 };

export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const data: DiagnosticData | undefined = finding.fixes?.length ? { version, fixes: finding.fixes } : undefined;
  return {
    range: finding.range,
    severity: lspSeverity[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(data ? { data } : {}),
  };
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The document version last validated, so the change event that follows an open does not validate twice. */
  private readonly validated = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly store: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly credentials: CredentialsIndex,
  ) {}

  /** A document was opened: diagnostics right away. */
  now(uri: string): Promise<void> {
    this.cancel(uri);
    return this.run(uri);
  }

  /** A document changed: diagnostics once typing pauses. */
  schedule(document: TextDocument): void {
    if (this.validated.get(document.uri) === document.version) return;
    this.cancel(document.uri);
    const pause = this.store.parsedLocally(document) ? PAUSE_AFTER_LOCAL_EDIT_MS : PAUSE_BEFORE_WHOLE_PARSE_MS;
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.run(document.uri);
      }, pause),
    );
  }

  /** Settings or the workspace's Credentials changed: every open document again. */
  revalidateAll(): void {
    this.validated.clear();
    for (const document of this.documents.all()) this.schedule(document);
  }

  clear(uri: string): void {
    this.cancel(uri);
    this.validated.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  private async run(uri: string): Promise<void> {
    try {
      const document = this.documents.get(uri);
      if (!document) return;
      this.validated.set(uri, document.version);
      const settings = await this.settings.get();
      // Closed or edited while the settings were read: the close cleared it, the edit scheduled a newer run.
      if (this.documents.get(uri)?.version !== document.version) return;
      const file = this.store.get(document);
      const findings = validate(file, { settings, credentials: this.credentials });
      const diagnostics = findings.map((f) => toDiagnostic(f, document.version));
      await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
      // A spec read from the CST was checked on its values; its nodes (for the next edit's re-parse, symbols,
      // hover) are composed once the diagnostics are out.
      setImmediate(() => {
        try {
          file.composeNodes();
        } catch {
          // Composed again (and the failure reported) where they are read.
        }
      });
    } catch (error) {
      this.connection.console.error(`Validating ${uri} failed: ${(error as Error).stack ?? String(error)}`);
      // Never a silent pass: the file says that it was not checked.
      const document = this.documents.get(uri);
      if (document) await this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: [validationFailed(error)] }).catch(() => undefined);
    }
  }
}

function validationFailed(error: unknown): Diagnostic {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: lspSeverity.error,
    code: INTERNAL_ERROR,
    source: DIAGNOSTIC_SOURCE,
    message: `Validating this file failed (${reason}): nothing in it was checked; please report it.`,
  };
}
