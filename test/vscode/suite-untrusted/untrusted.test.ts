// The extension in a restricted (untrusted) workspace, in a real VS Code started with workspace trust on: editing help
// still works, SSH does not. A real OpenSSH sshd on loopback is configured as the agent; its log shows whether anyone
// connected, and rctl's double (test/support/rctl-double.sh) whether anything was run or applied.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { MksGitopsApi } from '../../../client/src/extension';
import { makeKeys, makeTempDir, removeDir, startSshd, type Sshd } from '../../support/sshd';
import { activeExtension, codeOf, diagnosticsWhere, openInEditor, waitFor, writeWorkspaceFile } from '../suite/helpers';
import { clusterWith } from '../../support/specs';

const SEED = 'demo-seed'; // examples/cluster-seed.yaml
const AGENT_NAMES = ['gitops-agent-1', 'edge-agent']; // the agents examples/credentials.yaml names
const OFF = /SSH actions are off in untrusted workspaces/;

suite('untrusted workspace', () => {
  let api: MksGitopsApi;
  let dir: string;
  let sshd: Sshd;
  let rctlState: string;
  let workdir: string;

  const config = () => vscode.workspace.getConfiguration('mksGitops');
  const seed = () => {
    const found = api.clusters().find((c) => c.cluster.name === SEED);
    if (!found) throw new Error(`no cluster ${SEED} in the view`);
    return found;
  };
  /** Nothing reached the agent host: no SSH session in sshd's log, no rctl call, no apply record. */
  const assertNoSsh = () => {
    assert.doesNotMatch(sshd.log(), /Connection from|Accepted/, 'someone connected to the agent host');
    assert.ok(!fs.existsSync(path.join(rctlState, 'calls.log')), 'rctl was run on the agent host');
    assert.ok(!fs.existsSync(workdir), 'the agent host got a working directory');
  };

  suiteSetup(async () => {
    const extension = await activeExtension();
    api = extension.exports as MksGitopsApi;
    dir = makeTempDir('vscode-untrusted');
    const keys = makeKeys(dir);
    sshd = await startSshd({ dir: path.join(dir, 'agent'), listen: '127.0.0.1', hostname: 'gitops-agent-1', authorizedKeys: keys.authorizedKeys });
    fs.copyFileSync(path.join(extension.extensionPath, 'test/support/rctl-double.sh'), path.join(sshd.binDir, 'rctl'));
    fs.chmodSync(path.join(sshd.binDir, 'rctl'), 0o755);
    rctlState = path.join(sshd.binDir, 'rctl-state');
    workdir = path.join(dir, 'workdir');
    const hostKey = fs.readFileSync(`${sshd.hostKey}.pub`, 'utf8').split(/\s+/).slice(0, 2).join(' ');
    fs.appendFileSync(path.join(os.homedir(), '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${hostKey}\n`);
    // User settings: restricted mode ignores workspace values of mksGitops.agents, not the user's own.
    const agent = { host: '127.0.0.1', port: sshd.port, username: os.userInfo().username, auth: { identityFile: keys.plain, useAgent: false }, workdir };
    await config().update('agents', Object.fromEntries(AGENT_NAMES.map((n) => [n, agent])), vscode.ConfigurationTarget.Global);
    await config().update('apply.preflight', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await config().update('agents', undefined, vscode.ConfigurationTarget.Global);
    await config().update('apply.preflight', undefined, vscode.ConfigurationTarget.Global);
    sshd?.kill();
    if (dir) removeDir(dir);
  });

  test('VS Code opened the workspace untrusted, and the extension is active in it', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const ext = vscode.extensions.getExtension('mks-gitops.mks-gitops');
    assert.equal(ext?.isActive, true);
    assert.ok(config().get<Record<string, unknown>>('agents')?.[AGENT_NAMES[0]], 'the agent (a user setting) is configured');
  });

  test('language diagnostics still appear', async () => {
    const uri = writeWorkspaceFile('it/untrusted-duplicate.yaml', clusterWith('hostname: wk-1', 'hostname: cp-1'));
    await openInEditor(uri);
    const diags = await diagnosticsWhere(uri, 'duplicate-hostname diagnostics', (ds) => ds.some((d) => d.source === 'mks' && codeOf(d) === 'duplicate-hostname'));
    assert.ok(diags.length >= 2);
  });

  test('refreshing against the system says SSH actions are off, with an agent configured, and connects to nothing', async () => {
    const entry = await waitFor('the seed cluster with a system answer', async () => {
      await api.refresh({ system: true });
      const found = api.clusters().find((c) => c.cluster.name === SEED);
      return found?.system ? found : undefined;
    });
    assert.equal(entry.system?.kind, 'unknown');
    assert.match(entry.system?.kind === 'unknown' ? entry.system.reason : '', OFF);
    const systemNode = api
      .tree()
      .flatMap((p) => p.children)
      .find((c) => c.kind === 'cluster' && c.label === SEED)
      ?.children.find((c) => c.kind === 'system');
    assert.equal(systemNode?.description, 'not checked');
    assert.match(systemNode?.tooltip ?? '', /SSH actions are off/);
    assertNoSsh();
  });

  for (const command of ['mksGitops.apply', 'mksGitops.preflight']) {
    test(`${command} does not connect`, async () => {
      // Commands run from the API skip `enablement`; the command itself refuses (resolving false) or VS Code rejects it.
      const ran = vscode.commands.executeCommand<boolean>(command, { file: seed().file, name: SEED });
      const result = await Promise.resolve(ran).catch(() => false);
      assert.equal(result, false, `${command} did not refuse`);
      assertNoSsh();
    });
  }
});
