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
});
