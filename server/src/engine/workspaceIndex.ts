// Which MKS Credentials specs exist in the workspace (or among the files the CLI was given), and where.
// A cluster's `cloudCredentials` resolves in its own project first (a same-named credential there wins); one of
// another project counts only when that credential is shared with the cluster's project (reference §4:
// "same project or shared", `spec.sharing.{enabled, projects[].name}`, `*` for every project). The rule
// credentials-reference and go-to-definition both ask resolve(), so they agree.
import type { Range } from './findings';
import { isRecord, type YamlFile } from './yamlFile';

export interface CredentialsLocation {
  uri: string;
  name: string;
  /** `metadata.project`, when the spec names one. */
  project: string | undefined;
  /** Projects the credential is shared with (`spec.sharing.enabled` and its `projects[].name`; `*` = all). */
  sharedWith: readonly string[];
  /** Range of the `metadata.name` value. */
  range: Range;
}

export interface CredentialsResolution {
  /** What the reference resolves to: the own project's specs, else the ones shared with it, else []. */
  resolved: CredentialsLocation[];
  /** Same-named specs of other projects that are not shared with the cluster's project (when nothing resolved). */
  otherProjects: CredentialsLocation[];
}

export class CredentialsIndex {
  private readonly byUri = new Map<string, CredentialsLocation[]>();

  /** Records (or replaces) the Credentials specs of one file. */
  update(file: YamlFile): void {
    const found: CredentialsLocation[] = [];
    for (const document of file.documents) {
      if (document.kind !== 'Credentials' || !isRecord(document.value) || !isRecord(document.value.metadata)) continue;
      const { name, project } = document.value.metadata;
      if (typeof name !== 'string') continue;
      found.push({
        uri: file.uri,
        name,
        project: typeof project === 'string' && project.trim() ? project.trim() : undefined,
        sharedWith: sharedWith(document.value.spec),
        range: file.rangeAt(document, ['metadata', 'name']),
      });
    }
    if (found.length > 0) this.byUri.set(file.uri, found);
    else this.byUri.delete(file.uri);
  }

  remove(uri: string): void {
    this.byUri.delete(uri);
  }

  find(name: string): CredentialsLocation[] {
    return [...this.byUri.values()].flat().filter((c) => c.name === name);
  }

  /**
   * Resolves `name` for a cluster of `project` (undefined: the cluster names none, so any project matches).
   * A credential without a project is taken as the cluster's own (nothing says otherwise).
   */
  resolve(name: string, project: string | undefined): CredentialsResolution {
    const all = this.find(name);
    if (project === undefined) return { resolved: all, otherProjects: [] };
    const own = all.filter((c) => c.project === undefined || c.project === project);
    if (own.length > 0) return { resolved: own, otherProjects: [] };
    const shared = all.filter((c) => c.sharedWith.includes(project) || c.sharedWith.includes('*'));
    if (shared.length > 0) return { resolved: shared, otherProjects: [] };
    return { resolved: [], otherProjects: all };
  }
}

function sharedWith(spec: unknown): string[] {
  const sharing = isRecord(spec) && isRecord(spec.sharing) ? spec.sharing : undefined;
  if (!sharing || sharing.enabled !== true || !Array.isArray(sharing.projects)) return [];
  return sharing.projects.flatMap((p) => (isRecord(p) && typeof p.name === 'string' ? [p.name.trim()] : []));
}
