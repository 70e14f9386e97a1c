import { describe, expect, it } from 'vitest';
import { validate } from '../../server/src/engine/validate';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { clusterDocuments } from '../../client/src/sync/clusterDocuments';
import { defaultClusterName, NAME_PATTERN, newClusterSpec, type NewClusterAnswers } from '../../client/src/wizard/newClusterSpec';

const converged: NewClusterAnswers = {
  name: 'demo',
  project: 'edge',
  kubernetesVersion: 'v1.34.1',
  cni: { name: 'Calico', version: '3.26.1' },
  arch: 'amd64',
  operatingSystem: 'Ubuntu22.04',
  nodes: [{ hostname: 'cp-1', privateIP: '10.0.0.11', roles: ['ControlPlane', 'Worker'] }],
};

const errorsOf = (text: string) => validate(new YamlFile('file:///new.yaml', text)).filter((f) => f.severity === 'error');

describe('new cluster spec', () => {
  it('offers a default name that is a valid cluster name and not taken in the workspace', () => {
    expect(defaultClusterName([])).toBe('mks-cluster-1');
    expect(defaultClusterName(['demo', 'mks-cluster-1', 'mks-cluster-2', 'mks-cluster-4'])).toBe('mks-cluster-3');
    expect(defaultClusterName(['mks-cluster-1'])).toMatch(NAME_PATTERN);
  });

  it('writes a Cluster spec the engine accepts without errors, with guiding comments', () => {
    const text = newClusterSpec(converged);
    expect(errorsOf(text)).toEqual([]);
    expect(text).toContain('# hostnames must equal each machine');
    expect(text).toContain('roles: [ControlPlane, Worker]');
    const [cluster] = clusterDocuments(new YamlFile('file:///new.yaml', text));
    expect(cluster).toMatchObject({ name: 'demo', project: 'edge', nodes: [{ hostname: 'cp-1', privateIP: '10.0.0.11' }] });
  });

  it('sets high availability and a dedicated control plane from the nodes given', () => {
    const nodes = [1, 2, 3].map((i) => ({ hostname: `cp-${i}`, privateIP: `10.0.0.1${i}`, roles: ['ControlPlane'] }));
    const text = newClusterSpec({ ...converged, nodes: [...nodes, { hostname: 'wk-1', privateIP: '10.0.0.21', roles: ['Worker'] }] });
    expect(text).toContain('dedicatedControlPlane: true');
    expect(text).toContain('highAvailability: true');
    expect(errorsOf(text)).toEqual([]);
  });

  it('leaves out a CNI version that was not given', () => {
    const text = newClusterSpec({ ...converged, cni: { name: 'Cilium' } });
    expect(text).toMatch(/ cni:\n +name: Cilium\n +podSubnet: /);
  });

  it('accepts DNS-1123 names only', () => {
    expect(NAME_PATTERN.test('edge-01')).toBe(true);
    expect(NAME_PATTERN.test('Edge_01')).toBe(false);
    expect(NAME_PATTERN.test('-edge')).toBe(false);
  });
});
