// The text of a new Cluster spec from the wizard's answers (no vscode import: the wizard asks, this writes).
// Built through the `yaml` Document API so the result carries short guiding comments and is valid YAML.
import { Document, isMap, isSeq, type YAMLMap } from 'yaml';

export interface NewNode {
  hostname: string;
  privateIP: string;
  roles: string[];
}

export interface NewClusterAnswers {
  name: string;
  project: string;
  kubernetesVersion: string;
  cni: { name: string; version?: string };
  arch: string;
  operatingSystem: string;
  nodes: NewNode[];
  cloudCredentials?: string;
  blueprint?: string;
}

/** DNS-1123 label: what cluster names and hostnames must look like. */
export const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const VERSION_PATTERN = /^v\d+\.\d+\.\d+$/;

/** The name the wizard offers: `mks-cluster-1`, or the next number that no cluster in the workspace has yet. */
export function defaultClusterName(taken: Iterable<string>): string {
  const names = new Set(taken);
  let n = 1;
  while (names.has(`mks-cluster-${n}`)) n++;
  return `mks-cluster-${n}`;
}

export function newClusterSpec(a: NewClusterAnswers): string {
  const controlPlanes = a.nodes.filter((n) => n.roles.includes('ControlPlane')).length;
  const dedicated = a.nodes.some((n) => n.roles.includes('Worker')) && a.nodes.every((n) => !(n.roles.includes('ControlPlane') && n.roles.includes('Worker')));
  const doc = new Document({
    apiVersion: 'infra.k8smgmt.io/v3',
    kind: 'Cluster',
    metadata: { name: a.name, project: a.project },
    spec: {
      type: 'mks',
      blueprint: { name: a.blueprint ?? 'minimal', version: 'latest' },
      cloudCredentials: a.cloudCredentials ?? `${a.project}-mks-ssh`,
      config: {
        autoApproveNodes: true,
        dedicatedControlPlane: dedicated,
        highAvailability: controlPlanes >= 3,
        kubernetesVersion: a.kubernetesVersion,
        network: {
          cni: { name: a.cni.name, ...(a.cni.version ? { version: a.cni.version } : {}) },
          podSubnet: '10.244.0.0/16',
          serviceSubnet: '10.96.0.0/12',
        },
        nodes: a.nodes.map((n) => ({ hostname: n.hostname, privateIP: n.privateIP, arch: a.arch, operatingSystem: a.operatingSystem, roles: n.roles })),
      },
    },
  });
  doc.commentBefore = ` MKS cluster ${a.name} (project ${a.project}), created with "MKS: New Cluster Spec".\n Apply it with "MKS: Apply Cluster Spec" once it is committed.`;
  const config = doc.getIn(['spec', 'config']) as YAMLMap;
  comment(doc.getIn(['spec'], true), 'cloudCredentials', ' the MKS Credentials spec the GitOps agent uses to reach the nodes');
  comment(config, 'network', ' pod and service subnets must not overlap each other or the node IPs');
  comment(config, 'nodes', ' hostnames must equal each machine\'s real hostname');
  // Roles read best on one line: `roles: [ControlPlane, Worker]`.
  const nodes = config.get('nodes');
  for (const node of isSeq(nodes) ? nodes.items : []) {
    const roles = isMap(node) ? node.get('roles', true) : undefined;
    if (isSeq(roles)) roles.flow = true;
  }
  return doc.toString({ flowCollectionPadding: false });
}

function comment(map: unknown, key: string, text: string): void {
  if (!isMap(map)) return;
  const pair = map.items.find((p) => (p.key as { value?: unknown })?.value === key || p.key === key);
  const keyNode = pair?.key as { commentBefore?: string } | undefined;
  if (keyNode && typeof keyNode === 'object') keyNode.commentBefore = text;
}
