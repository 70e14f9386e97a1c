import { describe, expect, it } from 'vitest';
import { windowsNodes } from '../../server/src/engine/rules/windowsNodes';
import { applyFix, brief, clusterHead, range, run, yaml } from './helpers';

const cluster = (version: string, cni: string, nodes: string[]) =>
  yaml(...clusterHead, '  config:', `    kubernetesVersion: ${version}`, `    network: {cni: {name: ${cni}}}`, '    nodes:', ...nodes);

describe('windows-nodes', () => {
  it('accepts Windows workers with Calico on a recent Kubernetes, and ignores Linux-only clusters', () => {
    const nodes = ['      - {hostname: cp, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}', '      - {hostname: win, operatingSystem: Windows2022, roles: [Worker]}'];
    expect(run(windowsNodes, cluster('v1.33.1', 'Calico', nodes))).toEqual([]);
    expect(run(windowsNodes, cluster('v1.20.1', 'Cilium', ['      - {hostname: cp, operatingSystem: Ubuntu22.04, roles: [ControlPlane]}']))).toEqual([]);
  });

  it('reports a Windows node with other roles, a CNI other than Calico, and Kubernetes before v1.23', () => {
    const nodes = ['      - {hostname: win-1, operatingSystem: Windows2019, roles: [ControlPlane, Worker]}', '      - {hostname: win-2, operatingSystem: Windows2022, roles: [Worker]}'];
    expect(run(windowsNodes, cluster('v1.22.9', 'Cilium', nodes)).map(brief)).toEqual([
      {
        severity: 'error',
        range: range(9, 63, 9, 85),
        message: 'win-1 runs Windows2019, and Windows nodes can only be workers: set its roles to [Worker].',
      },
      {
        severity: 'error',
        range: range(7, 26, 7, 32),
        message: 'Windows nodes (win-1 and win-2) need the Calico CNI; Cilium does not support Windows.',
      },
      {
        severity: 'error',
        range: range(6, 23, 6, 30),
        message: 'Windows nodes (win-1 and win-2) need Kubernetes v1.23 or later; this cluster asks for v1.22.9.',
      },
    ]);
  });

  it('fixes the roles to [Worker]', () => {
    const nodes = ['      - hostname: win', '        operatingSystem: Windows2019', '        roles:', '          - ControlPlane', '          - Storage'];
    const text = cluster('v1.33.0', 'Calico', nodes);
    const [finding] = run(windowsNodes, text);
    expect(finding.fixes?.map((f) => f.title)).toEqual(['Make win a worker only']);
    expect(applyFix(text, finding)).toBe(cluster('v1.33.0', 'Calico', ['      - hostname: win', '        operatingSystem: Windows2019', '        roles:', '          - Worker']));
  });

  it('compares versions numerically and leaves unparseable versions to the schema', () => {
    const nodes = ['      - {hostname: w, operatingSystem: Windows2022, roles: [Worker]}'];
    expect(run(windowsNodes, cluster('v1.100.0', 'Calico', nodes))).toEqual([]);
    expect(run(windowsNodes, cluster('latest', 'Calico', nodes))).toEqual([]);
    expect(run(windowsNodes, cluster('v1.9.0', 'Calico', nodes))).toHaveLength(1);
  });
});
