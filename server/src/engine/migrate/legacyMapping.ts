// Where each key of the 2021 rctl cluster format goes in the v3 extended spec (infra.k8smgmt.io/v3), and why.
//
// Sources (see ../../../../docs/real-specs.md and the reference, ../shared/reference/rafay-mks.md):
// - Reference §3.5: the 2021 format's keys (`k8sVersion`, `operating_system`, `storageClasses`,
//   `defaultStorageClass`, per-node `ipAddress`, `ipv6Address`, `sshPrivateKeyPath`, `sshPort`, `sshUserName`,
//   `networkInterface`, `storageDeviceLocation`, `proxySettings`) and the fact that v3 has no storage fields
//   (storage is node role `Storage` plus the blueprint's storage add-on).
// - Reference §3.7: `k8sVersion` → `kubernetesVersion`, `dedicatedMastersEnabled` → `dedicatedControlPlane`,
//   role `Master` → `ControlPlane`, `blueprint: NAME` → `blueprint: {name: NAME}`, `privateip` → `privateIP`.
// - Reference §3.3/§3.4 (TF schema S1/S2): v3 node fields `operatingSystem`, `interface`, `ssh.{ipAddress, port,
//   username, privateKeyPath}`; §5 rule 21: `ssh.port` is a string.
// - RafaySystems/terraform-provider-rafay @ 1902564b (2021-09-30), rafay/resource_mks_cluster.go: the 2021 provider
//   read this format and passed `spec.config.operating_system` once for the whole cluster, each node's `Ipaddress`
//   together with its `SSHPrivateKeyPath`/`SSHPort`/`SSHUserName` to rctl's node setup (the address rctl SSHes to),
//   and copied the proxy block into `ProxyConfig{Enabled, HttpProxy, HttpsProxy, NoProxy, BootstrapCA: RootCA}`.
// Where a mapping is an inference rather than read from a source, `inferred` says why; the migration reports it.

/** Map keys renamed in place (same parent map). Paths use `*` for any sequence index. */
export interface Rename {
  parent: readonly string[];
  legacy: string;
  v3: string;
  why: string;
  inferred?: string;
}

export const renames: readonly Rename[] = [
  { parent: ['spec', 'config'], legacy: 'k8sVersion', v3: 'kubernetesVersion', why: 'reference §3.7' },
  { parent: ['spec', 'config'], legacy: 'dedicatedMastersEnabled', v3: 'dedicatedControlPlane', why: 'reference §3.7' },
  { parent: ['spec'], legacy: 'proxySettings', v3: 'proxy', why: 'reference §3.5; the 2021 provider sent this block as the cluster proxy' },
  {
    parent: ['spec', 'proxy'],
    legacy: 'rootCA',
    v3: 'bootstrapCA',
    why: 'the 2021 provider copied rootCA into the proxy config as BootstrapCA (terraform-provider-rafay@1902564b)',
  },
  {
    parent: ['spec', 'proxy'],
    legacy: 'tlsTermination',
    v3: 'allowInsecureBootstrap',
    why: 'v3 allowInsecureBootstrap is "set if the proxy terminates/inspects TLS" (reference §3.2)',
    inferred: 'the 2021 docs do not define tlsTermination; the match is by meaning',
  },
  { parent: ['spec', 'config', 'nodes', '*'], legacy: 'privateip', v3: 'privateIP', why: 'reference §3.7' },
  {
    parent: ['spec', 'config', 'nodes', '*'],
    legacy: 'networkInterface',
    v3: 'interface',
    why: 'v3 node interface is the NIC Kubernetes uses on the node (reference §3.4)',
    inferred: 'matched by meaning; the 2021 format does not document networkInterface',
  },
];

/** Per-node SSH keys of the 2021 format, gathered into the node's `ssh` block (reference §3.4, D1). */
export interface SshMove {
  legacy: string;
  v3: 'ipAddress' | 'port' | 'username' | 'privateKeyPath';
  why: string;
  inferred?: string;
}

export const sshMoves: readonly SshMove[] = [
  {
    legacy: 'ipAddress',
    v3: 'ipAddress',
    why: 'the 2021 rctl SSHed to this address (terraform-provider-rafay@1902564b); v3 ssh.ipAddress is the address used to SSH (reference §3.4)',
    inferred: 'the 2021 format had one address per node; if it is also the private address, set privateIP to it',
  },
  { legacy: 'sshPort', v3: 'port', why: 'reference §3.4; v3 ssh.port is a string (§5 rule 21)' },
  { legacy: 'sshUserName', v3: 'username', why: 'reference §3.4' },
  { legacy: 'sshPrivateKeyPath', v3: 'privateKeyPath', why: 'reference §3.4' },
];

/** The cluster-wide OS of the 2021 format: v3 sets it per node. */
export const clusterOs = {
  legacy: 'operating_system',
  v3: 'operatingSystem',
  why: 'v3 has operatingSystem per node only (reference §3.4); the 2021 format set one OS for the cluster',
  inferred: 'each node gets the cluster-wide value; a node with its own operatingSystem keeps it',
} as const;

/** Keys with no v3 home: removed, each with the reason the migration reports. */
export interface Drop {
  parent: readonly string[];
  legacy: string;
  why: string;
}

const noStorage = 'v3 has no storage classes: storage comes from the blueprint (its storage add-on) and nodes with role Storage (reference §3.5)';

export const drops: readonly Drop[] = [
  { parent: ['spec', 'config'], legacy: 'storageClasses', why: noStorage },
  { parent: ['spec', 'config'], legacy: 'defaultStorageClass', why: noStorage },
  { parent: ['spec', 'config', 'nodes', '*'], legacy: 'storageDeviceLocation', why: 'v3 has no per-node storage device: ' + noStorage.replace(/^v3 has no storage classes: /, '') },
  {
    parent: ['spec', 'config', 'nodes', '*'],
    legacy: 'ipv6Address',
    why: 'v3 has no per-node IPv6 address; dual-stack is set by spec.config.network.ipv6 (podSubnet, serviceSubnet) (reference §3.3)',
  },
];

/** Role names of the 2021 format. */
export const roleRenames: Readonly<Record<string, string>> = { Master: 'ControlPlane' };
