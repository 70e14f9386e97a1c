// Realistic MKS Cluster specs of any size (reference §9 shape): HA dedicated control plane, workers with
// labels, taints and per-node ssh blocks, infra nodes that systemComponentsPlacement selects and tolerates.
// Deterministic for a given seed, so benchmark runs and tests compare like with like.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface SpecOptions {
  nodes: number;
  name?: string;
  seed?: number;
  /** Put one schema error in the spec (an `arch` outside the enum on the last node). */
  fault?: boolean;
}

export const KUBERNETES_VERSION = 'v1.34.2';
const OPERATING_SYSTEMS = ['Ubuntu22.04', 'Ubuntu24.04', 'RHEL9'];
const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const INFRA_TAINT = { key: 'infra', value: 'true', effect: 'NoSchedule' };
const INFRA_TOLERATION = { key: 'infra', operator: 'Equal', value: 'true', effect: 'NoSchedule' };

/** The plain value of a Cluster spec with `nodes` nodes (≥ 1). */
export function clusterSpec(options: SpecOptions): Record<string, unknown> {
  const count = Math.max(1, Math.floor(options.nodes));
  const random = seededRandom(options.seed ?? count);
  // Three dedicated control-plane nodes when there is room for workers too; else one converged node.
  const ha = count >= 4;
  const controlPlanes = ha ? 3 : 1;
  const nodes = Array.from({ length: count }, (_, i) => node(i, controlPlanes, ha, random));
  if (options.fault) (nodes[count - 1] as Record<string, unknown>).arch = 'sparc64';
  return {
    apiVersion: 'infra.k8smgmt.io/v3',
    kind: 'Cluster',
    metadata: { name: options.name ?? `bench-${count}`, project: 'bench', labels: { env: 'bench' } },
    spec: {
      type: 'mks',
      blueprint: { name: 'minimal', version: 'latest' },
      cloudCredentials: 'mks-ssh-creds',
      config: {
        autoApproveNodes: true,
        dedicatedControlPlane: ha,
        highAvailability: ha,
        kubernetesVersion: KUBERNETES_VERSION,
        installerTtl: 365,
        platformVersion: 'v1.1.0',
        location: 'sanjose-us',
        kubernetesUpgrade: { strategy: 'sequential', params: { workerConcurrency: '10%' } },
        network: {
          cni: { name: 'Calico', version: '3.26.1' },
          podSubnet: '10.244.0.0/16',
          serviceSubnet: '10.96.0.0/12',
        },
        nodes,
      },
      systemComponentsPlacement: {
        nodeSelector: { infra: 'true' },
        tolerations: [INFRA_TOLERATION],
        daemonSetOverride: { nodeSelectionEnabled: false, tolerations: [INFRA_TOLERATION] },
      },
    },
  };
}

export function clusterSpecYaml(options: SpecOptions): string {
  return stringify(clusterSpec(options), { lineWidth: 0, aliasDuplicateObjects: false });
}

function node(i: number, controlPlanes: number, dedicated: boolean, random: () => number): Record<string, unknown> {
  const controlPlane = i < controlPlanes;
  const hostname = controlPlane ? `cp-${i + 1}` : `wk-${String(i + 1).padStart(4, '0')}`;
  // In a converged (single-node) cluster the control-plane node carries the workloads and the infra label.
  const worker = !controlPlane || !dedicated;
  // Every tenth worker (the first one included) is an infra node: labelled, tainted, chosen for system components.
  const infra = worker && (i - (dedicated ? controlPlanes : 0)) % 10 === 0;
  const n: Record<string, unknown> = {
    hostname,
    privateIP: `10.0.${Math.floor(i / 200)}.${10 + (i % 200)}`,
    arch: controlPlane || random() < 0.8 ? 'amd64' : 'arm64',
    operatingSystem: OPERATING_SYSTEMS[Math.floor(random() * OPERATING_SYSTEMS.length)],
    roles: controlPlane ? (dedicated ? ['ControlPlane'] : ['ControlPlane', 'Worker']) : ['Worker'],
    interface: 'eth0',
  };
  if (worker) {
    n.labels = {
      'topology.kubernetes.io/zone': ZONES[i % ZONES.length],
      'node.kubernetes.io/pool': random() < 0.5 ? 'general' : 'batch',
      ...(infra ? { infra: 'true' } : {}),
    };
  }
  if (infra) n.taints = [INFRA_TAINT];
  else if (!controlPlane && random() < 0.3) n.taints = [{ key: 'gpu', value: 'true', effect: 'PreferNoSchedule' }];
  n.ssh = { ipAddress: `198.18.${Math.floor(i / 250)}.${1 + (i % 250)}`, port: '22', username: 'ubuntu' };
  return n;
}

/** Writes `count` specs of varied sizes (3 to 60 nodes) into `dir`; returns their paths. */
export function writeSpecFolder(dir: string, count: number, seed = 1): string[] {
  mkdirSync(dir, { recursive: true });
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const nodes = 3 + Math.floor(random() * 58);
    const file = join(dir, `cluster-${String(i + 1).padStart(3, '0')}.yaml`);
    writeFileSync(file, clusterSpecYaml({ nodes, name: `cluster-${i + 1}`, seed: seed + i }));
    return file;
  });
}

/** mulberry32: a tiny, fast, seedable PRNG (Math.random cannot be seeded). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
