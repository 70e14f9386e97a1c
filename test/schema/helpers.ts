// Shared by the schema tests: parse inline YAML the way the engine does and run the schema check.
import type { Finding } from '../../server/src/engine/findings';
import { validateAgainstSchema } from '../../server/src/engine/schema/schemaValidation';
import { YamlFile } from '../../server/src/engine/yamlFile';

export function schemaFindings(text: string): Finding[] {
  const file = new YamlFile('file:///test/spec.yaml', text);
  return file.documents.flatMap((document) => validateAgainstSchema(file, document));
}

/** A finding as `line:col-line:col code message`, 0-based like LSP, for compact exact assertions. */
export function brief(f: Finding): string {
  const { start, end } = f.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${f.code} ${f.message}`;
}

/** The reference's canonical example (rafay-mks.md §9): every section, all keys canonical. */
export const canonicalCluster = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata: {name: demo-mks, project: demo}
spec:
  type: mks
  blueprint: {name: minimal, version: latest}
  cloudCredentials: mks-ssh-creds
  config:
    autoApproveNodes: true
    dedicatedControlPlane: true
    highAvailability: true
    kubernetesVersion: v1.32.4
    installerTtl: 365
    platformVersion: v1.1.0
    location: sanjose-us
    kubernetesUpgrade: {strategy: sequential, params: {workerConcurrency: "50%"}}
    network:
      cni: {name: Calico, version: 3.26.1}
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
      - {hostname: cp-1, privateIP: 10.0.0.11, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}
      - {hostname: cp-2, privateIP: 10.0.0.12, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}
      - {hostname: cp-3, privateIP: 10.0.0.13, arch: amd64, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}
      - hostname: wk-1
        privateIP: 10.0.0.21
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [Worker]
        labels: {infra: "true"}
        taints: [{key: infra, value: "true", effect: NoSchedule}]
        ssh: {ipAddress: 203.0.113.21}
  systemComponentsPlacement:
    nodeSelector: {infra: "true"}
    tolerations: [{key: infra, operator: Equal, value: "true", effect: NoSchedule}]
    daemonSetOverride:
      nodeSelectionEnabled: false
      tolerations: [{key: infra, operator: Equal, value: "true", effect: NoSchedule}]
`;

/** A small valid cluster whose node list is easy to edit line by line in tests. */
export function cluster(nodes: string, config = ''): string {
  return `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  name: demo
  project: demo
spec:
  type: mks
  blueprint:
    name: minimal
  cloudCredentials: creds
  config:
    kubernetesVersion: v1.33.1
${config}    network:
      cni:
        name: Calico
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
${nodes}`;
}
