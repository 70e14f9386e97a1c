// Cluster spec texts the integration tests write into the workspace: one valid spec (reference §9) and faults made
// from it by plain text replacement, so each test shows exactly what it broke.

export const VALID_CLUSTER = `apiVersion: infra.k8smgmt.io/v3
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

/** VALID_CLUSTER with `from` replaced by `to`; throws if `from` is absent, so a stale fault never passes silently. */
export function clusterWith(from: string, to: string, base = VALID_CLUSTER): string {
  if (!base.includes(from)) throw new Error(`"${from}" is not in the base spec`);
  return base.replace(from, to);
}

export const DEPLOYMENT = `apiVersion: apps/v1
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
      containers:
        - name: web
          image: nginx:1.27
`;
