// Small Cluster specs for the sync model tests, written the way users write them.
export const seed = `# Seed cluster: one converged node
apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  name: demo        # cluster name
  project: edge
spec:
  type: mks
  blueprint:
    name: minimal
    version: latest
  cloudCredentials: mks-creds
  config:
    autoApproveNodes: true
    kubernetesVersion: v1.34.1   # pinned on purpose
    network:
      cni:
        name: Calico
        version: 3.26.1
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
      # the first control plane
      - hostname: cp-1
        privateIP: 10.0.0.11
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [ControlPlane, Worker]
        labels:
          zone: a
      - hostname: wk-1
        privateIP: 10.0.0.21
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [Worker]
        taints:
          - key: infra
            value: "true"
            effect: NoSchedule
`;

/** The same cluster as the controller reports it: reordered, flow style, defaults spelled out, status added. */
export const seedAsSystem = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  project: edge
  name: demo
  modifiedAt: "2026-11-20T10:00:00Z"
  createdBy: alice
spec:
  cloudCredentials: mks-creds
  type: mks
  blueprint: {name: minimal}
  config:
    highAvailability: false
    dedicatedControlPlane: false
    installerTtl: 365
    autoApproveNodes: true
    kubernetesVersion: "v1.34.1"
    network: {cni: {name: Calico, version: "3.26.1"}, podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}
    nodes:
      - hostname: wk-1
        arch: amd64
        operatingSystem: Ubuntu22.04
        privateIP: 10.0.0.21
        roles: [Worker]
        taints: [{effect: NoSchedule, key: infra, value: "true"}]
        labels: {}
      - {hostname: cp-1, privateIP: 10.0.0.11, arch: amd64, operatingSystem: Ubuntu22.04, roles: [Worker, ControlPlane], labels: {zone: a}}
status:
  commonStatus: {conditionStatus: StatusOK}
`;

/** Replaces the first occurrence of `from` in `text`, failing loudly when the fixture does not contain it. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}
