// The manifest's strings as VS Code shows them: %key% references replaced with package.nls.json's English text
// (a missing or unbundled package.nls.json would leave the raw %key% in menus and settings).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, test } from 'mocha';
import { activeExtension } from './helpers';

suite('manifest strings', () => {
  test('commands, settings and the view show their English text, not %key%', async () => {
    const extension = await activeExtension();
    const nls = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const manifest = extension.packageJSON as {
      contributes: {
        commands: { command: string; title: string; category: string }[];
        configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string }> };
        views: Record<string, { id: string; name: string }[]>;
      };
    };
    const apply = manifest.contributes.commands.find((c) => c.command === 'mksGitops.apply');
    assert.equal(apply?.title, nls['command.apply.title']);
    assert.equal(apply?.title, 'Apply Cluster Spec');
    assert.equal(apply?.category, 'MKS');
    assert.equal(manifest.contributes.configuration.title, 'MKS GitOps');
    assert.equal(manifest.contributes.configuration.properties['mksGitops.kubernetesVersions'].markdownDescription, nls['config.kubernetesVersions.markdownDescription']);
    assert.equal(manifest.contributes.views.mksGitops[0].name, 'MKS Clusters');
    const raw = JSON.stringify(manifest.contributes).match(/"%[\w.-]+%"/g) ?? [];
    assert.deepEqual(raw, []);
  });
});
