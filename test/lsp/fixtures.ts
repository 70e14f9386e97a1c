// Inline documents shared by the LSP tests (each test file states what it expects of them).

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
export const validCluster = `apiVersion: infra.k8smgmt.io/v3
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
