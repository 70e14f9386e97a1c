import { describe, expect, it } from 'vitest';
import { kubernetesVersion, minorOf } from '../../server/src/engine/rules/kubernetesVersion';
import { brief, clusterHead, range, run, yaml } from './helpers';

const cluster = (version: string) => yaml(...clusterHead, '  config:', `    kubernetesVersion: ${version}`);

describe('kubernetes-version', () => {
  it('reads the minor of a version', () => {
    expect([minorOf('v1.33.4'), minorOf('1.34'), minorOf('v1.035.0'), minorOf('v1.33.4-rc1'), minorOf('latest')]).toEqual([
      'v1.33',
      'v1.34',
      'v1.35',
      undefined,
      undefined,
    ]);
  });

  it('accepts versions in the supported window', () => {
    expect(run(kubernetesVersion, cluster('v1.33.1'))).toEqual([]);
    expect(run(kubernetesVersion, cluster('v1.36.0'))).toEqual([]);
  });

  it('warns about a version outside the window, naming the setting', () => {
    expect(run(kubernetesVersion, cluster('v1.29.4')).map(brief)).toEqual([
      {
        severity: 'warning',
        range: range(6, 23, 6, 30),
        message: 'v1.29.4 is outside the supported window v1.33–v1.36 (setting mksGitops.kubernetesVersions).',
      },
    ]);
  });

  it('follows the setting, listing a window with gaps', () => {
    const settings = { kubernetesVersions: ['v1.30', 'v1.28', 'v1.29'] };
    expect(run(kubernetesVersion, cluster('v1.29.4'), { settings })).toEqual([]);
    expect(run(kubernetesVersion, cluster('v1.33.1'), { settings })[0].message).toBe(
      'v1.33.1 is outside the supported window v1.28–v1.30 (setting mksGitops.kubernetesVersions).',
    );
    expect(run(kubernetesVersion, cluster('v1.33.1'), { settings: { kubernetesVersions: ['v1.34', 'v1.32'] } })[0].message).toContain('window v1.32, v1.34 (');
  });

  it('leaves versions that do not parse to the schema', () => {
    expect(run(kubernetesVersion, cluster('latest'))).toEqual([]);
    // A number (unquoted 1.29) is the schema's type error; a string without the v is still read.
    expect(run(kubernetesVersion, cluster('1.29'))).toEqual([]);
    expect(run(kubernetesVersion, cluster('"1.29.0"'))).toHaveLength(1);
  });
});
