import { describe, expect, it } from 'vitest';
import { credentialsReference } from '../../server/src/engine/rules/credentialsReference';
import { CredentialsIndex } from '../../server/src/engine/workspaceIndex';
import { YamlFile } from '../../server/src/engine/yamlFile';
import { brief, clusterHead, range, run, yaml } from './helpers';

const cluster = yaml(...clusterHead, '  cloudCredentials: mks-ssh', '  config: {nodes: []}');

function indexWith(name: string): CredentialsIndex {
  const index = new CredentialsIndex();
  const creds = yaml('apiVersion: infra.k8smgmt.io/v3', 'kind: Credentials', `metadata: {name: ${name}}`, 'spec: {provider: mks}');
  index.update(new YamlFile('file:///creds.yaml', creds));
  return index;
}

describe('credentials-reference', () => {
  it('accepts a reference to a Credentials spec in the workspace', () => {
    expect(run(credentialsReference, cluster, { credentials: indexWith('mks-ssh') })).toEqual([]);
  });

  it('stays quiet without a workspace index', () => {
    expect(run(credentialsReference, cluster)).toEqual([]);
  });

  it('reports a name no Credentials spec carries (info)', () => {
    expect(run(credentialsReference, cluster, { credentials: indexWith('other') }).map(brief)).toEqual([
      {
        severity: 'info',
        range: range(5, 20, 5, 27),
        message:
          'No Credentials spec named mks-ssh was found in the workspace; if it exists only in Rafay that is fine, otherwise add an MKS Credentials spec with metadata.name: mks-ssh.',
      },
    ]);
  });

  it('finds a Credentials spec in the same multi-document file once indexed', () => {
    const text = `${cluster}---\n${yaml('apiVersion: infra.k8smgmt.io/v3', 'kind: Credentials', 'metadata: {name: mks-ssh}', 'spec: {provider: mks}')}`;
    const index = new CredentialsIndex();
    index.update(new YamlFile('file:///test.yaml', text));
    expect(run(credentialsReference, text, { credentials: index })).toEqual([]);
  });

  describe('across projects (clusterHead is project demo)', () => {
    const credentialsIn = (project: string, name = 'mks-ssh', sharing = '') =>
      yaml('apiVersion: infra.k8smgmt.io/v3', 'kind: Credentials', `metadata: {name: ${name}, project: ${project}}`, `spec: {provider: mks${sharing}}`);
    const index = (...files: string[]) => {
      const i = new CredentialsIndex();
      files.forEach((text, n) => i.update(new YamlFile(`file:///creds-${n}.yaml`, text)));
      return i;
    };

    it('says so when the only Credentials spec of that name is in another project and not shared (warning)', () => {
      expect(run(credentialsReference, cluster, { credentials: index(credentialsIn('ops')) }).map(brief)).toEqual([
        {
          severity: 'warning',
          range: range(5, 20, 5, 27),
          message:
            "Credentials spec mks-ssh is in project ops, not in this cluster's project demo, and is not shared with it: shared credentials need spec.sharing (enabled: true, projects: [{name: demo}]) on the Credentials spec, or add a Credentials spec mks-ssh to project demo.",
        },
      ]);
    });

    it("accepts one of another project shared with the cluster's project or with every project (*)", () => {
      const sharedDemo = credentialsIn('ops', 'mks-ssh', ', sharing: {enabled: true, projects: [{name: demo}]}');
      const sharedAll = credentialsIn('ops', 'mks-ssh', ", sharing: {enabled: true, projects: [{name: '*'}]}");
      const disabled = credentialsIn('ops', 'mks-ssh', ', sharing: {enabled: false, projects: [{name: demo}]}');
      expect(run(credentialsReference, cluster, { credentials: index(sharedDemo) })).toEqual([]);
      expect(run(credentialsReference, cluster, { credentials: index(sharedAll) })).toEqual([]);
      expect(run(credentialsReference, cluster, { credentials: index(disabled) }).map((f) => f.severity)).toEqual(['warning']);
    });

    it("resolves to the same-named credential of the cluster's own project, which wins over the others", () => {
      const credentials = index(credentialsIn('ops'), credentialsIn('demo'), credentialsIn('lab', 'mks-ssh', ", sharing: {enabled: true, projects: [{name: '*'}]}"));
      expect(run(credentialsReference, cluster, { credentials })).toEqual([]);
      expect(credentials.resolve('mks-ssh', 'demo').resolved.map((c) => [c.uri, c.project])).toEqual([['file:///creds-1.yaml', 'demo']]);
      // Without an own-project one, the shared one; with neither, nothing resolves and the others are listed.
      expect(index(credentialsIn('ops'), credentialsIn('lab', 'mks-ssh', ", sharing: {enabled: true, projects: [{name: '*'}]}")).resolve('mks-ssh', 'demo').resolved.map((c) => c.project)).toEqual(['lab']);
      expect(index(credentialsIn('ops')).resolve('mks-ssh', 'demo')).toMatchObject({ resolved: [], otherProjects: [{ project: 'ops' }] });
    });
  });
});
