import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { rules } from '../../server/src/engine/rules';
import { defaultSettings } from '../../server/src/engine/settings';
import { singleNodeCluster } from '../support/specs';
import { LspTestClient } from './lspClient';

const oldVersion = singleNodeCluster.replace('v1.34.2', 'v1.20.1');
const codesAndSeverities = (diagnostics: { code?: string | number; severity?: number }[]) =>
  diagnostics.map((d) => [d.code, d.severity]);

describe('settings', () => {
  let client: LspTestClient;
  const uri = 'untitled:settings';
  beforeAll(async () => {
    client = await LspTestClient.start({ settings: { rules: { 'credentials-reference': 'off' } } });
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0); // undefined when the start failed (already reported)
  });

  it('reads the mksGitops settings at start and applies every change to open documents', async () => {
    await client.open(uri, oldVersion);
    // credentials-reference is off from the start; the old Kubernetes version is a warning by default.
    const first = await client.diagnostics(uri);
    expect(codesAndSeverities(first.diagnostics)).toEqual([['kubernetes-version', 2]]);

    await client.changeSettings({ rules: { 'credentials-reference': 'off', 'kubernetes-version': 'off' } });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0, client.published.length);

    await client.changeSettings({ rules: { 'credentials-reference': 'off', 'kubernetes-version': 'error' } });
    const raised = await client.diagnostics(uri, (p) => p.diagnostics.length > 0, client.published.length);
    expect(codesAndSeverities(raised.diagnostics)).toEqual([['kubernetes-version', 1]]);

    await client.changeSettings({ kubernetesVersions: ['v1.20'], rules: { 'credentials-reference': 'off' } });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0, client.published.length);
  });

  it('falls back to the defaults for settings of the wrong type', async () => {
    await client.changeSettings({ kubernetesVersions: 'v1.20', operatingSystems: [42], rules: { 'credentials-reference': 'loud' } });
    const result = await client.diagnostics(uri, () => true, client.published.length);
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['credentials-reference', 'kubernetes-version']);
  });

  it('takes pushed settings from a client that cannot be asked for them', async () => {
    const pushOnly = await LspTestClient.start({ pullSettings: false });
    const pushed = 'untitled:pushed';
    await pushOnly.open(pushed, oldVersion);
    const before = await pushOnly.diagnostics(pushed);
    expect(before.diagnostics.map((d) => d.code).sort()).toEqual(['credentials-reference', 'kubernetes-version']);
    await pushOnly.changeSettings({ rules: { 'credentials-reference': 'off', 'kubernetes-version': 'info' } });
    const after = await pushOnly.diagnostics(pushed, () => true, pushOnly.published.length);
    expect(codesAndSeverities(after.diagnostics)).toEqual([['kubernetes-version', 3]]);
    expect(await pushOnly.stop()).toBe(0);
  });

  it('declares every rule in package.json with the engine defaults', () => {
    const properties = pkg.contributes.configuration.properties;
    const ruleSettings = properties['mksGitops.rules'].properties as Record<string, { enum: string[] }>;
    expect(Object.keys(ruleSettings).sort()).toEqual([...new Set(rules.map((r) => r.id))].sort());
    for (const setting of Object.values(ruleSettings)) expect(setting.enum).toEqual(['off', 'info', 'warning', 'error']);
    expect(properties['mksGitops.kubernetesVersions'].default).toEqual(defaultSettings.kubernetesVersions);
    expect(properties['mksGitops.operatingSystems'].default).toEqual(defaultSettings.operatingSystems);
  });
});
