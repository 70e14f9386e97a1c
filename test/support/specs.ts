// The sample specs the tests share (test/sync, test/lsp and, copied by test/vscode/run.mjs, the real-VS-Code suite):
// written the way users write them, each test file stating what it expects of them. Faults are made from them by
// plain text replacement (`edit`, `clusterWith`), so each test shows exactly what it broke.

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

/** Replaces the first occurrence of `from` in `text`, failing loudly when the sample does not contain it (a stale fault never passes silently). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`sample does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** A valid two-node cluster (cp-1 control plane and worker, wk-1 worker; reference §9), project demo. */
export const twoNodeCluster = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  name: it-cluster
  project: demo
spec:
  type: mks
  blueprint:
    name: minimal
    version: latest
  cloudCredentials: mks-ssh-creds
  config:
    autoApproveNodes: true
    dedicatedControlPlane: false
    highAvailability: false
    kubernetesVersion: v1.34.1
    location: sanjose-us
    network:
      cni:
        name: Calico
        version: 3.26.1
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
      - hostname: cp-1
        privateIP: 10.0.0.11
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles:
          - ControlPlane
          - Worker
      - hostname: wk-1
        privateIP: 10.0.0.21
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles:
          - Worker
`;

/** twoNodeCluster (or `base`) with `from` replaced by `to`. */
export function clusterWith(from: string, to: string, base = twoNodeCluster): string {
  return edit(base, from, to);
}

/** An MKS Credentials spec named `name` (no key material). */
export const credentials = (name: string) => `apiVersion: infra.k8smgmt.io/v3
kind: Credentials
metadata:
  name: ${name}
  project: demo
spec:
  type: ClusterProvisioning
  provider: mks
  credentials:
    username: ubuntu
    port: "22"
    agents:
      - name: lab-agent
`;

/** One MKS file with a faulty Cluster, the Credentials it names, and a Kubernetes Deployment that must stay untouched. */
export const faultyFile = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  name: faulty
  project: demo
spec:
  type: mks
  blueprint:
    name: minimal
  cloudCredentials: lab-creds
  config:
    kubernetesVersion: v1.34.2
    network:
      cni:
        name: Calico
        version: 3.26.1
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
      - hostname: node-1
        privateip: 10.0.0.11
        arch: amd65
        operatingSystem: Ubuntu22.04
        roles: [Worker]
---
${credentials('lab-creds')}`;

/** A plain Kubernetes Deployment with things an MKS schema would object to: no tool of ours may touch it. */
export const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeSelector:
        arch: amd65
      containers:
        - name: web
          image: nginx:1.27
          privateip: 10.0.0.11
`;

/** A valid single-node cluster (control plane and worker on one node). */
export const singleNodeCluster = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  name: lab
  project: demo
spec:
  type: mks
  blueprint:
    name: minimal
  cloudCredentials: lab-creds
  config:
    kubernetesVersion: v1.34.2
    network:
      cni:
        name: Calico
        version: 3.26.1
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
      - hostname: node-1
        privateIP: 10.0.0.11
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [ControlPlane, Worker]
`;
