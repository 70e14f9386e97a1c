import { describe, expect, it } from 'vitest';
import { clusterPlaintextSecret, credentialsPlaintextSecret } from '../../server/src/engine/rules/credentialsPlaintextSecret';
import { brief, clusterHead, range, run, yaml } from './helpers';

const credentials = (...lines: string[]) =>
  yaml('apiVersion: infra.k8smgmt.io/v3', 'kind: Credentials', 'metadata: {name: mks-ssh}', 'spec:', '  provider: mks', '  credentials:', '    username: ubuntu', ...lines);

const secretKey = ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', '-----END OPENSSH PRIVATE KEY-----'];

describe('credentials-plaintext-secret', () => {
  it('accepts credentials without secrets, or with empty ones', () => {
    expect(run(credentialsPlaintextSecret, credentials('    port: "22"'))).toEqual([]);
    expect(run(credentialsPlaintextSecret, credentials('    privateKey: ""', '    passphrase: "  "'))).toEqual([]);
  });

  it('warns about a private key and a passphrase on their keys, never echoing them', () => {
    const text = credentials('    privateKey: |', ...secretKey.map((l) => `      ${l}`), '    passphrase: hunter2-secret');
    const findings = run(credentialsPlaintextSecret, text);
    expect(findings.map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(7, 4, 7, 14),
        message:
          "Security: this file holds a private key in plain text, which would be committed to Git. Remove privateKey from the file and provide it outside the repository (for example in Rafay's console or with rctl from a local file).",
      },
      {
        severity: 'warning',
        range: range(11, 4, 11, 14),
        message:
          "Security: this file holds a key passphrase in plain text, which would be committed to Git. Remove passphrase from the file and provide it outside the repository (for example in Rafay's console or with rctl from a local file).",
      },
    ]);
    const output = JSON.stringify(findings);
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('b3BlbnNz');
  });
});

describe('credentials-plaintext-secret on Cluster specs', () => {
  it('accepts SSH settings with a key path only', () => {
    const text = yaml(...clusterHead, '  config:', '    ssh: {username: u, privateKeyPath: ~/.ssh/id_ed25519, passphrase: ""}');
    expect(run(clusterPlaintextSecret, text)).toEqual([]);
  });

  it('warns about a passphrase in config.ssh or a node ssh block', () => {
    const text = yaml(...clusterHead, '  config:', '    ssh: {passphrase: s3cret-one}', '    nodes:', '      - hostname: a', '        ssh:', '          passphrase: s3cret-two');
    const findings = run(clusterPlaintextSecret, text);
    expect(findings.map((f) => [f.code, f.range])).toEqual([
      ['credentials-plaintext-secret', range(6, 10, 6, 20)],
      ['credentials-plaintext-secret', range(10, 10, 10, 20)],
    ]);
    expect(findings[0].message).toContain('a key passphrase in plain text');
    expect(JSON.stringify(findings)).not.toContain('s3cret');
  });
});
