// Windows nodes (reference §3.8, §5.15–16, confirmed): workers only, the Calico CNI, Kubernetes v1.23 or later.
import { config, nameList, nodeName, nodes, record, text, type NodeView } from '../support/clusterView';
import type { Rule, RuleFinding } from './rule';
import { rolesEdit } from '../support/yamlEdits';

const isWindows = (n: NodeView) => n.operatingSystem?.startsWith('Windows') === true;

export const windowsNodes: Rule = {
  id: 'windows-nodes',
  appliesTo: 'Cluster',
  defaultSeverity: 'error',
  description: 'Windows nodes are workers only and need the Calico CNI and Kubernetes v1.23 or later.',
  check(spec, context) {
    const windows = nodes(spec).filter(isWindows);
    if (windows.length === 0) return [];
    const names = nameList(windows.map(nodeName));
    const findings: RuleFinding[] = windows
      .filter((n) => n.roles.some((r) => r !== 'Worker'))
      .map((n) => {
        const edit = rolesEdit(context, n, ['Worker']);
        return {
          path: [...n.path, 'roles'],
          message: `${nodeName(n)} runs ${n.operatingSystem}, and Windows nodes can only be workers: set its roles to [Worker].`,
          ...(edit ? { fixes: [{ title: `Make ${nodeName(n)} a worker only`, edits: [edit], preferred: true }] } : {}),
        };
      });

    const cfg = config(spec);
    const cni = text(record(record(cfg.network)?.cni)?.name);
    if (cni !== undefined && cni !== 'Calico') {
      findings.push({
        path: ['spec', 'config', 'network', 'cni', 'name'],
        message: `Windows nodes (${names}) need the Calico CNI; ${cni} does not support Windows.`,
      });
    }
    const version = text(cfg.kubernetesVersion);
    const parsed = version && /^v?(\d+)\.(\d+)/.exec(version);
    if (parsed && (Number(parsed[1]) < 1 || (Number(parsed[1]) === 1 && Number(parsed[2]) < 23))) {
      findings.push({
        path: ['spec', 'config', 'kubernetesVersion'],
        message: `Windows nodes (${names}) need Kubernetes v1.23 or later; this cluster asks for ${version}.`,
      });
    }
    return findings;
  },
};
