import { describe, expect, it } from 'vitest';
import { credentialsPortString, sshPortString } from '../../server/src/engine/rules/sshPortString';
import { applyFix, brief, clusterHead, range, run, yaml } from './helpers';

describe('ssh-port-string', () => {
  it('accepts quoted ports and absent ones', () => {
    const text = yaml(...clusterHead, '  config:', '    ssh: {port: "22"}', '    nodes:', '      - {hostname: a, ssh: {port: "2222"}}', '      - {hostname: b}');
    expect(run(sshPortString, text)).toEqual([]);
  });

  it('reports numeric ports in config.ssh and node ssh, each with a quoting fix', () => {
    const text = yaml(
      ...clusterHead,
      '  config:',
      '    ssh:',
      '      port: 22 # default',
      '    nodes:',
      '      - hostname: a',
      '        ssh: {ipAddress: 203.0.113.5, port: 2222}',
    );
    const findings = run(sshPortString, text);
    expect(findings.map(brief)).toEqual([
      { severity: 'warning', range: range(7, 12, 7, 14), message: 'The SSH port must be a string: write "22" instead of 22.' },
      { severity: 'warning', range: range(10, 44, 10, 48), message: 'The SSH port must be a string: write "2222" instead of 2222.' },
    ]);
    expect(findings[0].fixes?.map((f) => f.title)).toEqual(['Quote the port: "22"']);
    const fixed = applyFix(applyFix(text, findings[1]), findings[0]);
    expect(fixed).toBe(
      yaml(
        ...clusterHead,
        '  config:',
        '    ssh:',
        '      port: "22" # default',
        '    nodes:',
        '      - hostname: a',
        '        ssh: {ipAddress: 203.0.113.5, port: "2222"}',
      ),
    );
    expect(run(sshPortString, fixed)).toEqual([]);
  });

  it('checks the port of a Credentials spec under the same id', () => {
    const text = yaml(
      'apiVersion: infra.k8smgmt.io/v3',
      'kind: Credentials',
      'metadata: {name: mks-ssh}',
      'spec:',
      '  provider: mks',
      '  credentials:',
      '    username: ubuntu',
      '    port: 22',
    );
    const findings = run(credentialsPortString, text);
    expect(findings.map((f) => [f.code, f.range])).toEqual([['ssh-port-string', range(7, 10, 7, 12)]]);
    expect(applyFix(text, findings[0])).toBe(text.replace('port: 22', 'port: "22"'));
  });
});
