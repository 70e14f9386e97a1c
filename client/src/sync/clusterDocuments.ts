// The Cluster specs in a YAML text: which documents they are, their identity (project/name) and where they start.
import { YamlFile, isRecord } from '../../../server/src/engine/yamlFile';

export interface ClusterDocument {
  /** Index of the document in the file (multi-document YAML). */
  index: number;
  name: string;
  project: string;
  /** The plain value of the document. */
  value: Record<string, unknown>;
  /** 0-based line where the document's content starts (for CodeLens and "Open Spec"). */
  line: number;
  nodes: NodeLine[];
}

export interface NodeLine {
  hostname: string;
  privateIP?: string;
  roles: string[];
  /** 0-based line of the node's entry. */
  line: number;
}

/** Every Cluster document of a file that parses and carries a name (others cannot be tracked). */
export function clusterDocuments(file: YamlFile): ClusterDocument[] {
  return file.documents.flatMap((document) => {
    if (document.kind !== 'Cluster' || !isRecord(document.value)) return [];
    const metadata = isRecord(document.value.metadata) ? document.value.metadata : {};
    if (typeof metadata.name !== 'string' || metadata.name === '') return [];
    const config = isRecord(document.value.spec) && isRecord(document.value.spec.config) ? document.value.spec.config : {};
    const nodes = (Array.isArray(config.nodes) ? config.nodes : []).flatMap((node, i): NodeLine[] => {
      if (!isRecord(node)) return [];
      const ip = node.privateIP ?? node.privateip;
      return [
        {
          hostname: typeof node.hostname === 'string' ? node.hostname : `node ${i + 1}`,
          ...(typeof ip === 'string' ? { privateIP: ip } : {}),
          roles: Array.isArray(node.roles) ? node.roles.map(String) : [],
          line: file.rangeAt(document, ['spec', 'config', 'nodes', i]).start.line,
        },
      ];
    });
    return [
      {
        index: document.index,
        name: metadata.name,
        project: typeof metadata.project === 'string' && metadata.project !== '' ? metadata.project : '(no project)',
        value: document.value,
        line: file.rangeAt(document, []).start.line,
        nodes,
      },
    ];
  });
}

/**
 * The Cluster document named `name` in another version of the text (Git HEAD, the system's answer).
 * A text holding a single Cluster document matches it whatever its name: the caller asked for that one.
 */
export function findCluster(text: string, name: string): Record<string, unknown> | undefined {
  const clusters = clusterDocuments(new YamlFile('mks-compare:', text));
  return (clusters.find((c) => c.name === name) ?? (clusters.length === 1 ? clusters[0] : undefined))?.value;
}
