// Schema check: MKS Credentials specs (provider mks).
import { describe, expect, it } from 'vitest';
import { brief, schemaFindings } from './helpers';

const credentials = (credentialsBlock: string, rest = '') => `apiVersion: infra.k8smgmt.io/v3
kind: Credentials
metadata:
  name: mks-ssh-creds
  project: demo
spec:
  type: ClusterProvisioning
  provider: mks
  credentials:
${credentialsBlock}${rest}`;

const good = `    username: ubuntu
    port: "22"
    agents:
      - name: gitops-agent-1
`;

describe('Credentials', () => {
  it('accepts the reference example, with key, passphrase, agent id, type and sharing', () => {
    const text = credentials(
      `${good}      - {name: gitops-agent-2, id: a2}
    privateKey: |
      -----BEGIN OPENSSH PRIVATE KEY-----
      -----END OPENSSH PRIVATE KEY-----
    passphrase: ""
    type: SSH_REMOTE
`,
      '  sharing: {enabled: true, projects: [{name: "*"}]}\n',
    );
    expect(schemaFindings(text)).toEqual([]);
  });

  it('accepts a read-back spec without secrets and with an integer port (the port rule flags it)', () => {
    expect(schemaFindings(credentials(good.replace('"22"', '22')))).toEqual([]);
  });

  it('reports missing agents and username on the credentials key', () => {
    expect(schemaFindings(credentials('    port: "22"\n')).map(brief)).toEqual([
      '8:2-8:13 schema/required Missing required key `username` in `spec.credentials`.',
      '8:2-8:13 schema/required Missing required key `agents` in `spec.credentials`.',
    ]);
  });

  it('reports a wrongly cased key (privatekey) with a rename fix', () => {
    const findings = schemaFindings(credentials(`${good}    privatekey: x\n`));
    expect(findings.map(brief)).toEqual([
      '13:4-13:14 schema/unknown-key Unknown key `privatekey` in `spec.credentials`. Did you mean `privateKey`?',
    ]);
    expect(findings[0].fixes?.[0].edits[0].newText).toBe('privateKey');
  });

  it('reports a spec.type typo with a fix, and an empty agent list', () => {
    const findings = schemaFindings(
      credentials(good.replace('    agents:\n      - name: gitops-agent-1\n', '    agents: []\n')).replace('type: ClusterProvisioning', "type: 'ClusterProvisoning'"),
    );
    expect(findings.map(brief)).toEqual([
      "6:8-6:28 schema/enum `type` must be one of ClusterProvisioning; got `ClusterProvisoning`. Did you mean `ClusterProvisioning`?",
      '11:12-11:14 schema/min-items `agents` needs at least 1 entry.',
    ]);
    // The value was single-quoted: the fix keeps the quotes.
    expect(findings[0].fixes?.[0].edits[0].newText).toBe("'ClusterProvisioning'");
  });

  it('names the agent entry that lacks a name', () => {
    expect(schemaFindings(credentials(good.replace('- name: gitops-agent-1', '- id: x'))).map(brief)).toEqual([
      '12:8-12:10 schema/required Missing required key `name` in agent 1 in `spec.credentials`.',
    ]);
  });

  it('leaves a Credentials spec of another provider alone (it is not an MKS document)', () => {
    expect(schemaFindings(credentials(good).replace('provider: mks', 'provider: aws'))).toEqual([]);
  });
});
