// Builds small MKS Cluster / Credentials YAML texts for the SSH tests.
export interface TestNode {
  hostname: string;
  privateIP: string;
  port: number;
  roles?: string[];
  arch?: string;
  operatingSystem?: string;
  /** `ssh.ipAddress`: where SSH reaches the node when it is not the privateIP. */
  sshAddress?: string;
}

export function clusterYaml(name: string, nodes: TestNode[], extra = ''): string {
  const nodeLines = nodes
    .map((n) =>
      [
        `      - hostname: ${n.hostname}`,
        `        privateIP: ${n.privateIP}`,
        `        arch: ${n.arch ?? 'amd64'}`,
        `        operatingSystem: ${n.operatingSystem ?? 'Ubuntu22.04'}`,
        `        roles: [${(n.roles ?? ['ControlPlane', 'Worker']).join(', ')}]`,
        `        ssh: {${n.sshAddress ? `ipAddress: ${n.sshAddress}, ` : ''}port: "${n.port}", username: root}`,
      ].join('\n'),
    )
    .join('\n');
  return `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  name: ${name}
  project: defaultproject
spec:
  type: mks
  blueprint: {name: minimal, version: latest}
  cloudCredentials: test-creds
  config:
    kubernetesVersion: v1.33.2
    network:
      cni: {name: Calico, version: 3.26.1}
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
${nodeLines}
${extra}`;
}

export const UBUNTU_2204 = 'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\nID_LIKE=debian\n';

/** The MKS Credentials spec the test clusters name (`cloudCredentials: test-creds`): user root, agent `agent-1`, no key. */
export const CREDENTIALS_YAML = `---
apiVersion: infra.k8smgmt.io/v3
kind: Credentials
metadata: {name: test-creds, project: defaultproject}
spec:
  type: ClusterProvisioning
  provider: mks
  credentials: {username: root, port: "22", agents: [{name: agent-1}]}
`;
