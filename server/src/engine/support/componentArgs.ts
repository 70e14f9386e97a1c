// Where a Cluster spec passes command-line flags and configuration text to Kubernetes components
// (reference §3.3/§3.4): the kubelet's flags and KubeletConfiguration overrides, cluster-wide and per node,
// and each control-plane component's extraArgs, extraVolumes and extraVolumeMounts.
import type { Path } from '../yamlFile';
import { config, type Dict, list, record } from './clusterView';

export interface FlagMap {
  /** The component the flags go to: `kubelet`, or the controlPlaneOverrides key (`kubeApiserver`, …). */
  component: string;
  path: Path;
  flags: Dict;
  /** Index of the node for node-level kubelet flags; undefined for cluster-wide ones. */
  node: number | undefined;
}

export interface YamlText {
  path: Path;
  /** What the text must hold: a KubeletConfiguration fragment (a map), or a list of Volumes / VolumeMounts. */
  holds: 'kubelet-configuration' | 'volumes' | 'volume-mounts';
  node: number | undefined;
}

/** How messages name a component. */
export const componentName = (component: string): string =>
  ({ kubelet: 'kubelet', kubeApiserver: 'kube-apiserver', kubeControllerManager: 'kube-controller-manager', kubeScheduler: 'kube-scheduler' })[
    component
  ] ?? component;

export function flagMaps(spec: Dict): FlagMap[] {
  const cfg = config(spec);
  const out: FlagMap[] = [];
  const kubelet = record(cfg.kubeletExtraArgs);
  if (kubelet) out.push({ component: 'kubelet', path: ['spec', 'config', 'kubeletExtraArgs'], flags: kubelet, node: undefined });
  for (const [component, overrides] of Object.entries(record(cfg.controlPlaneOverrides) ?? {})) {
    const flags = record(record(overrides)?.extraArgs);
    if (flags) out.push({ component, path: ['spec', 'config', 'controlPlaneOverrides', component, 'extraArgs'], flags, node: undefined });
  }
  list(cfg.nodes).forEach((n, index) => {
    const flags = record(record(n)?.kubeletExtraArgs);
    if (flags) out.push({ component: 'kubelet', path: ['spec', 'config', 'nodes', index, 'kubeletExtraArgs'], flags, node: index });
  });
  return out;
}

export function yamlTexts(spec: Dict): YamlText[] {
  const cfg = config(spec);
  const out: YamlText[] = [];
  if (typeof cfg.kubeletConfigurationOverrides === 'string') {
    out.push({ path: ['spec', 'config', 'kubeletConfigurationOverrides'], holds: 'kubelet-configuration', node: undefined });
  }
  for (const [component, overrides] of Object.entries(record(cfg.controlPlaneOverrides) ?? {})) {
    const o = record(overrides);
    if (typeof o?.extraVolumes === 'string') {
      out.push({ path: ['spec', 'config', 'controlPlaneOverrides', component, 'extraVolumes'], holds: 'volumes', node: undefined });
    }
    if (typeof o?.extraVolumeMounts === 'string') {
      out.push({ path: ['spec', 'config', 'controlPlaneOverrides', component, 'extraVolumeMounts'], holds: 'volume-mounts', node: undefined });
    }
  }
  list(cfg.nodes).forEach((n, index) => {
    if (typeof record(n)?.kubeletConfigurationOverrides === 'string') {
      out.push({ path: ['spec', 'config', 'nodes', index, 'kubeletConfigurationOverrides'], holds: 'kubelet-configuration', node: index });
    }
  });
  return out;
}

/** The flag's name as Kubernetes reads it: extraArgs keys are written without dashes, but `--max-pods` happens. */
export const flagName = (key: string): string => key.replace(/^-{1,2}/, '');
