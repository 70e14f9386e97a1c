import { describe, expect, it } from 'vitest';
import { operatingSystem } from '../../server/src/engine/rules/operatingSystem';
import { applyFix, brief, clusterHead, range, run, yaml } from './helpers';

const cluster = (...oses: string[]) =>
  yaml(...clusterHead, '  config:', '    nodes:', ...oses.map((os, i) => `      - {hostname: n${i + 1}, operatingSystem: ${os}}`));

describe('operating-system', () => {
  it('accepts the known values', () => {
    expect(run(operatingSystem, cluster('Ubuntu22.04', 'RHEL9', 'Windows2022'))).toEqual([]);
  });

  it('warns about an unknown value with a did-you-mean fix', () => {
    const text = cluster('Ubuntu22.04', 'ubuntu22.04');
    const findings = run(operatingSystem, text);
    expect(findings.map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(8, 40, 8, 51),
        message:
          'n2: operatingSystem ubuntu22.04 is not a known value. Did you mean Ubuntu22.04? Known: Ubuntu20.04, Ubuntu22.04, Ubuntu24.04, RHEL8, RHEL9, RHEL10, Rocky9, AlmaLinux9, Flatcar, Windows2019, Windows2022 (setting mksGitops.operatingSystems).',
      },
    ]);
    expect(findings[0].fixes?.[0].title).toBe('Change to Ubuntu22.04');
    expect(applyFix(text, findings[0])).toBe(cluster('Ubuntu22.04', 'Ubuntu22.04'));
  });

  it('offers no fix when nothing is close, and follows the setting', () => {
    const [finding] = run(operatingSystem, cluster('Solaris11'));
    expect(finding.message).toBe(
      'n1: operatingSystem Solaris11 is not a known value. Known: Ubuntu20.04, Ubuntu22.04, Ubuntu24.04, RHEL8, RHEL9, RHEL10, Rocky9, AlmaLinux9, Flatcar, Windows2019, Windows2022 (setting mksGitops.operatingSystems).',
    );
    expect(finding.fixes).toBeUndefined();
    expect(run(operatingSystem, cluster('Solaris11'), { settings: { operatingSystems: ['Solaris11'] } })).toEqual([]);
    expect(run(operatingSystem, cluster('Ubuntu 22.04'))[0].fixes?.[0].title).toBe('Change to Ubuntu22.04');
  });
});
