// Go to definition from a Cluster's `spec.cloudCredentials` value to the Credentials spec it names, resolved as
// the credentials-reference rule resolves it (own project first, then shared; else the other projects' ones).
import type { Location, Position } from 'vscode-languageserver/node';
import { isScalar } from 'yaml';
import type { CredentialsIndex } from '../engine/workspaceIndex';
import { isRecord, locate, type YamlFile } from '../engine/yamlFile';
import { documentAt } from './documentAtCursor';

export function credentialsDefinition(file: YamlFile, position: Position, credentials: CredentialsIndex): Location[] {
  const document = documentAt(file, position);
  if (document?.kind !== 'Cluster') return [];
  const found = locate(document.doc, ['spec', 'cloudCredentials']);
  const node = found.missing === 0 ? found.node : undefined;
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return [];
  const offset = file.offsetAt(position);
  if (offset < node.range[0] || offset > node.range[1]) return [];
  const metadata = isRecord(document.value) && isRecord(document.value.metadata) ? document.value.metadata : {};
  const project = typeof metadata.project === 'string' ? metadata.project.trim() || undefined : undefined;
  const { resolved, otherProjects } = credentials.resolve(node.value, project);
  return (resolved.length > 0 ? resolved : otherProjects).map(({ uri, range }) => ({ uri, range }));
}
