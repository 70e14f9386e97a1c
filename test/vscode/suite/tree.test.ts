// The "MKS Clusters" view's states and the commands behind it, in a real VS Code, against a real OpenSSH sshd on
// loopback as the GitOps agent host. Only Rafay's rctl is a test double (test/support/rctl-double.sh, installed on
// the sshd's PATH); what it reports as the system's spec is the file it reads, rctl-state/cluster.yaml.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import type { MksGitopsApi } from '../../../client/src/extension';
import type { ClusterEntry, TreeNode } from '../../../client/src/sync/treeModel';
import { freePort, isAlive, makeKeys, makeTempDir, removeDir, startSshd, type Sshd } from '../../support/sshd';
import { activeExtension, openInEditor, resetEditors, waitFor, workspaceRoot, workspaceUri, writeWorkspaceFile } from './helpers';
import { clusterWith } from '../../support/specs';

const SEED = 'demo-seed'; // examples/cluster-seed.yaml, committed in the runner's workspace repository
const SEED_FILE = 'cluster-seed.yaml';
// examples/credentials.yaml names these agents for mks-ssh-creds; multi-document.yaml names edge-agent.
const AGENT_NAMES = ['gitops-agent-1', 'edge-agent'];

suite('MKS Clusters view', () => {
  let api: MksGitopsApi;
  let dir: string;
  let sshd: Sshd;
  let node: Sshd | undefined;
  let identityFile: string;
  let keyFiles: { encrypted: string; stranger: string };
  let authorizedKeys: string;
  let rctlState: string;
  let workdir: string;

  const config = () => vscode.workspace.getConfiguration('mksGitops');
  const agentsAt = (port: number, extra: Record<string, unknown> = {}, key = identityFile) =>
    Object.fromEntries(
      AGENT_NAMES.map((name) => [
        name,
        { host: '127.0.0.1', port, username: os.userInfo().username, auth: { identityFile: key, useAgent: false }, workdir, pollIntervalSeconds: 1, ...extra },
      ]),
    );
  const entry = (name: string): ClusterEntry => {
    const found = api.clusters().find((c) => c.cluster.name === name);
    if (!found) throw new Error(`no cluster ${name} in the view (have: ${api.clusters().map((c) => c.cluster.name).join(', ')})`);
    return found;
  };
  const clusterNode = (name: string): TreeNode => {
    const node = api.tree().flatMap((project) => project.children).find((c) => c.kind === 'cluster' && c.label === name);
    if (!node) throw new Error(`no tree node for ${name}`);
    return node;
  };
  const child = (name: string, kind: TreeNode['kind']) => clusterNode(name).children.find((c) => c.kind === kind)!;
  /**
   * Waits until the cluster reaches `state`; returns its tree node. `system`: refresh asking the agent, `local`:
   * refresh without it, `none`: no refresh by the test (the extension must notice the change by itself).
   */
  const expectState = async (name: string, state: ClusterEntry['status']['state'], system: boolean | 'none') =>
    waitFor(`${name} to be ${state} (is ${api.clusters().find((c) => c.cluster.name === name)?.status.state})`, async () => {
      if (system !== 'none') await api.refresh({ system });
      return api.clusters().find((c) => c.cluster.name === name)?.status.state === state ? clusterNode(name) : undefined;
    });
  const seedText = () => fs.readFileSync(workspaceUri(SEED_FILE).fsPath, 'utf8');
  /** The runner gave this extension host a throwaway HOME: trusting a test sshd here touches no real known_hosts. */
  const trustHostKey = (server: Sshd) => {
    const hostKey = fs.readFileSync(`${server.hostKey}.pub`, 'utf8').split(/\s+/).slice(0, 2).join(' ');
    fs.appendFileSync(path.join(os.homedir(), '.ssh', 'known_hosts'), `[127.0.0.1]:${server.port} ${hostKey}\n`);
  };
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=MKS Test', '-c', 'user.email=mks-test@example.invalid', ...args], { cwd: workspaceRoot(), encoding: 'utf8' });
  /**
   * Each test starts from a known workspace, whatever the one before left: no unsaved edit and no editor open, the
   * tracked files as HEAD has them, `agents` as the test needs it (none, the test sshd, or a port where nothing
   * answers), and no system copy of the seed in the rctl double (a test that needs one writes it).
   */
  const startFrom = async (agents: 'none' | 'sshd' | number) => {
    await resetEditors();
    git('checkout', '-q', 'HEAD', '--', '.');
    await config().update('agents', agents === 'none' ? undefined : agentsAt(agents === 'sshd' ? sshd.port : agents), vscode.ConfigurationTarget.Global);
    fs.rmSync(path.join(rctlState, 'cluster.yaml'), { force: true });
  };

  suiteSetup(async () => {
    const extension = await activeExtension();
    api = extension.exports as MksGitopsApi;
    dir = makeTempDir('vscode-agent');
    const keys = makeKeys(dir);
    identityFile = keys.plain;
    keyFiles = { encrypted: keys.encrypted, stranger: keys.stranger };
    authorizedKeys = keys.authorizedKeys;
    sshd = await startSshd({ dir: path.join(dir, 'agent'), listen: '127.0.0.1', hostname: 'gitops-agent-1', authorizedKeys: keys.authorizedKeys });
    fs.copyFileSync(path.join(extension.extensionPath, 'test/support/rctl-double.sh'), path.join(sshd.binDir, 'rctl'));
    fs.chmodSync(path.join(sshd.binDir, 'rctl'), 0o755);
    rctlState = path.join(sshd.binDir, 'rctl-state');
    fs.mkdirSync(rctlState, { recursive: true });
    workdir = path.join(dir, 'workdir');
    trustHostKey(sshd);
    await config().update('apply.preflight', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await resetEditors();
    await config().update('agents', undefined, vscode.ConfigurationTarget.Global);
    await config().update('apply.preflight', undefined, vscode.ConfigurationTarget.Global);
    sshd?.kill();
    node?.kill();
    if (dir) removeDir(dir);
  });

  test('lists the example clusters by project, unchecked while no agent is configured', async () => {
    await startFrom('none');
    const node = await expectState(SEED, 'unknown', true);
    assert.equal(node.description, 'unchecked');
    const projects = api.tree().map((p) => p.label);
    for (const project of ['defaultproject', 'platform', 'edge']) assert.ok(projects.includes(project), `project ${project} missing from ${projects.join(', ')}`);
    assert.deepEqual(
      clusterNode(SEED).children.map((c) => c.label),
      ['Git', 'System', 'Nodes', 'Changes'],
    );
    assert.match(child(SEED, 'git').description ?? '', /^clean · main · [0-9a-f]{7,}$/);
  });

  test('an agents setting whose entries are all rejected says which, never "no agent host configured"', async () => {
    await startFrom('none');
    await config().update('agents', { 'gitops-agent-1': { port: 22 } }, vscode.ConfigurationTarget.Global);
    const tooltip = await waitFor('the System node to name the rejected entry', async () => {
      await api.refresh({ system: true });
      const text = (child(SEED, 'system').tooltip ?? '').replace(/\\/g, '');
      return text.includes('has no usable agent') ? text : undefined;
    });
    assert.equal(tooltip, 'mksGitops.agents has no usable agent: mksGitops.agents.gitops-agent-1: "host" is required');
    assert.equal(child(SEED, 'system').description, 'not checked');
  });

  test('a spec with an error is invalid, with the error in the tooltip', async () => {
    await startFrom('none');
    writeWorkspaceFile('it/tree-invalid.yaml', clusterWith('  name: it-cluster', '  name: tree-invalid').replace('    location: sanjose-us', '    locaton: sanjose-us'));
    const node = await expectState('tree-invalid', 'invalid', false);
    assert.equal(node.description, 'invalid');
    assert.equal(node.icon?.id, 'error');
    assert.match(node.tooltip ?? '', /locaton/);
  });

  test('unsaved edits of a committed spec show as modified, and reverting them clears it', async () => {
    await startFrom('none');
    await expectState(SEED, 'unknown', true);
    const editor = await openInEditor(workspaceUri(SEED_FILE));
    const at = editor.document.getText().indexOf('v1.34.2');
    assert.ok(at > 0);
    const range = new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'v1.34.2'.length));
    await editor.edit((e) => e.replace(range, 'v1.34.1'));
    // No refresh from here on: the view follows the editor by itself, for the edit and for the revert.
    const node = await expectState(SEED, 'modified', 'none');
    assert.equal(node.description, 'modified');
    assert.match(child(SEED, 'git').description ?? '', /^modified · /);
    assert.equal(editor.document.isDirty, true, 'the edit is still unsaved (auto-save is off in the test run)');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the revert below acts on the seed');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false);
    await expectState(SEED, 'unknown', 'none');
    assert.equal(seedText().includes('v1.34.1'), false, 'the edit never reached the disk');
  });

  test('an agent that does not answer makes the cluster unreachable', async () => {
    await startFrom(await freePort());
    const node = await expectState(SEED, 'unreachable', true);
    assert.equal(node.description, 'unreachable');
  });

  test('a cluster the system does not know is new', async () => {
    await startFrom('sshd');
    const node = await expectState(SEED, 'not-in-system', true);
    assert.equal(node.description, 'new');
    assert.match(fs.readFileSync(path.join(rctlState, 'calls.log'), 'utf8'), /get cluster demo-seed -p defaultproject/);
  });

  test('the system running what Git holds is in sync (comments and key order do not matter)', async () => {
    await startFrom('sshd');
    const withoutComments = seedText()
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    const swap = '    kubernetesVersion: v1.34.2\n    autoApproveNodes: true\n';
    assert.ok(withoutComments.includes(swap), 'the seed example changed: update this test');
    const reordered = withoutComments.replace(swap, '    autoApproveNodes: true\n    kubernetesVersion: v1.34.2\n');
    fs.writeFileSync(path.join(rctlState, 'cluster.yaml'), reordered);
    const node = await expectState(SEED, 'in-sync', true);
    assert.equal(node.description, 'synced');
    assert.deepEqual(child(SEED, 'changes').children, []);
  });

  test('a system that differs from Git is drifted, and Changes names the field', async () => {
    await startFrom('sshd');
    fs.writeFileSync(path.join(rctlState, 'cluster.yaml'), seedText().replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.33.5'));
    const node = await expectState(SEED, 'drifted', true);
    assert.equal(node.description, 'drifted');
    const changes = child(SEED, 'changes').children.map((c) => c.label);
    assert.ok(changes.some((c) => /Kubernetes version v1\.33\.5 → v1\.34\.2/.test(c)), `no version change among: ${changes.join(' | ')}`);
  });

  test('Show Diff opens the diff editor with the system version against the file', async () => {
    await startFrom('sshd');
    fs.writeFileSync(path.join(rctlState, 'cluster.yaml'), seedText().replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.33.5'));
    await expectState(SEED, 'drifted', true);
    const seed = entry(SEED);
    const shown = await vscode.commands.executeCommand<boolean>('mksGitops.showDiff', { file: seed.file, name: SEED });
    assert.equal(shown, true);
    const tab = await waitFor('a diff tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.scheme, 'mks-system');
    assert.equal(tab.modified.toString(), seed.file);
    const system = await vscode.workspace.openTextDocument(tab.original);
    assert.match(system.getText(), /kubernetesVersion: v1\.33\.5/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  /** The plan document Show Plan opened for `name`, once it holds `needle`. */
  const planDocument = (name: string, needle: string) =>
    waitFor(`the plan of ${name} with "${needle}"`, () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'mks-plan' && d.uri.path === `/${name}.plan` && d.getText().includes(needle)),
    );

  test('Apply shows the change plan first: the confirmation names the counts, Show Plan opens it, then Apply goes ahead', async () => {
    await startFrom('sshd');
    fs.writeFileSync(path.join(rctlState, 'cluster.yaml'), seedText().replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.33.5'));
    await expectState(SEED, 'drifted', true);
    const seed = entry(SEED);
    // The smoke-test driver refuses modal dialogs: the test answers in the user's place and reads what was asked.
    api.dialogs.respondWith((d) => (d.buttons.includes('Show Plan') ? 'Show Plan' : 'Apply'));
    let ok: boolean | undefined;
    try {
      ok = await vscode.commands.executeCommand<boolean>('mksGitops.apply', { file: seed.file, name: SEED });
    } finally {
      api.dialogs.respondWith(undefined);
    }
    const asked = api.dialogs.asked();
    assert.deepEqual(
      asked.map((d) => ({ message: d.message, detail: d.detail, modal: d.modal, buttons: d.buttons })),
      [
        { message: 'Apply demo-seed? 1 change.', detail: 'Show Plan opens the whole plan, one change per line.', modal: true, buttons: ['Apply', 'Show Plan'] },
        { message: 'Apply demo-seed? 1 change. The plan is open beside the spec.', detail: undefined, modal: false, buttons: ['Apply'] },
      ],
    );
    assert.equal(ok, true, 'apply reported failure (see the MKS GitOps log)');
    const plan = await planDocument(SEED, 'Kubernetes version');
    const lines = plan.getText().split('\n');
    assert.equal(lines[0], 'Change plan for demo-seed (project defaultproject)');
    assert.ok(lines.includes('change   Kubernetes version v1.33.5 → v1.34.2: upgrade by one minor  [plan-kubernetes-upgrade]'), plan.getText());
    assert.match(plan.getText(), /Dry run \(rctl apply -f '\S+' --v3 --dry-run\), exit 0:\n {2}\| \[rctl test double — a stand-in, not Rafay's rctl\] dry run of /);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const applied = fs.readFileSync(path.join(rctlState, 'last-applied.yaml'), 'utf8');
    assert.equal(applied, seedText(), 'rctl received the file as committed');
    assert.match(fs.readFileSync(path.join(rctlState, 'calls.log'), 'utf8'), /apply -f \S+ --v3/);
    assert.ok(fs.existsSync(path.join(workdir, SEED, 'applied.json')), 'the agent host keeps a record of the apply');

    // The system now runs the applied spec; then a new commit changes the file: committed, not applied yet.
    fs.writeFileSync(path.join(rctlState, 'cluster.yaml'), applied);
    await expectState(SEED, 'in-sync', true);
    fs.writeFileSync(workspaceUri(SEED_FILE).fsPath, seedText().replace('autoApproveNodes: true', 'autoApproveNodes: false'));
    git('commit', '-q', '-am', 'turn off node auto-approval');
    const node = await expectState(SEED, 'not-applied', true);
    assert.equal(node.description, 'pending');
  }).timeout(180_000); // upload, rctl, polling and three refreshes over SSH: slow on a loaded machine

  test('a blocked plan (a skipped minor) is not applied; its message offers Show Plan', async () => {
    await startFrom('sshd');
    fs.writeFileSync(path.join(rctlState, 'cluster.yaml'), seedText().replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.32.4'));
    await expectState(SEED, 'drifted', true);
    const seed = entry(SEED);
    const before = fs.readFileSync(path.join(rctlState, 'calls.log'), 'utf8');
    api.dialogs.respondWith(() => 'Show Plan');
    let ok: boolean | undefined;
    try {
      ok = await vscode.commands.executeCommand<boolean>('mksGitops.apply', { file: seed.file, name: SEED });
      await waitFor('the blocked message', () => (api.dialogs.asked().length > 0 ? true : undefined));
    } finally {
      api.dialogs.respondWith(undefined);
    }
    assert.equal(ok, false);
    const asked = api.dialogs.asked();
    assert.equal(asked.length, 1, 'a blocked plan is not asked about, only reported');
    assert.equal(asked[0].kind, 'error');
    assert.deepEqual(asked[0].buttons, ['Show Plan']);
    assert.match(asked[0].message, /^plan failed on \S+: Not applied: the change plan is blocked: Kubernetes version v1\.32\.4 → v1\.34\.2: skips minor 1\.33; upgrade one minor at a time$/);
    const plan = await planDocument(SEED, 'BLOCKED');
    assert.ok(plan.getText().includes('BLOCKED  Kubernetes version v1.32.4 → v1.34.2: skips minor 1.33; upgrade one minor at a time  [plan-kubernetes-skip-minor]'), plan.getText());
    const after = fs.readFileSync(path.join(rctlState, 'calls.log'), 'utf8').slice(before.length);
    assert.doesNotMatch(after, /apply -f \S+ --v3\n/, 'rctl apply did not run');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }).timeout(120_000);

  test('Pull from System asks with each change system → file, and the file then holds exactly that', async () => {
    await startFrom('sshd');
    // The file has v1.34.2 and node auto-approval off (committed, as the Apply test leaves it, whichever ran first);
    // the system (the double) runs v1.32.4 with auto-approval on.
    if (seedText().includes('autoApproveNodes: true')) {
      fs.writeFileSync(workspaceUri(SEED_FILE).fsPath, seedText().replace('autoApproveNodes: true', 'autoApproveNodes: false'));
      git('commit', '-q', '-am', 'turn off node auto-approval');
    }
    fs.writeFileSync(path.join(rctlState, 'cluster.yaml'), seedText().replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.32.4').replace('autoApproveNodes: false', 'autoApproveNodes: true'));
    await waitFor('the system version v1.32.4 in the view', async () => {
      await api.refresh({ system: true });
      const changes = entry(SEED).status.changes;
      return changes.some((c) => c.before === 'v1.32.4') && changes.length === 2 ? true : undefined;
    });
    const seed = entry(SEED);
    api.dialogs.respondWith((d) => (d.buttons.includes('Pull') ? 'Pull' : undefined));
    let pulled: boolean | undefined;
    try {
      pulled = await vscode.commands.executeCommand<boolean>('mksGitops.pullFromSystem', { file: seed.file, name: SEED });
    } finally {
      api.dialogs.respondWith(undefined);
    }
    const [asked] = api.dialogs.asked();
    assert.equal(asked.message, `Write the system's version of demo-seed into ${SEED_FILE}? 2 changes, system → file:`);
    assert.deepEqual(asked.detail?.split('\n'), [
      '• autoApproveNodes: true (system) → file, new there',
      '• kubernetesVersion: v1.32.4 (system) → file, was v1.34.2',
      'Comments and key order stay; the edit can be undone before saving.',
    ]);
    assert.equal(pulled, true);
    const doc = await vscode.workspace.openTextDocument(workspaceUri(SEED_FILE));
    assert.match(doc.getText(), /kubernetesVersion: v1\.32\.4/);
    assert.match(doc.getText(), /autoApproveNodes: true/);
    assert.doesNotMatch(doc.getText(), /v1\.34\.2/);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Preflight checks a node over SSH through the agent and puts each failure on its line', async () => {
    await startFrom('sshd');
    node = await startSshd({ dir: path.join(dir, 'node-1'), listen: '127.0.0.1', hostname: 'pf-node-1', authorizedKeys });
    trustHostKey(node);
    // Reached at the node's ssh.ipAddress through the agent; hostname matches, arch (arm64 on an x86_64 host) and
    // privateIP (on no interface here) do not.
    const spec = clusterWith('  name: it-cluster', '  name: pf-cluster')
      .replace(/    nodes:\n[\s\S]*$/, '')
      .concat(
        [
          '    nodes:',
          '      - hostname: pf-node-1',
          '        privateIP: 10.0.0.11',
          '        arch: arm64',
          '        operatingSystem: Ubuntu22.04',
          '        roles: [ControlPlane, Worker]',
          '        ssh:',
          '          ipAddress: 127.0.0.1',
          `          port: "${node.port}"`,
          `          username: ${os.userInfo().username}`,
          '',
        ].join('\n'),
      );
    const uri = writeWorkspaceFile('it/preflight.yaml', spec);
    const listed = await expectState('pf-cluster', 'untracked', false); // listed, as not yet in Git
    assert.equal(listed.description, 'not in Git');
    const ok = await vscode.commands.executeCommand<boolean>('mksGitops.preflight', { file: uri.toString(), name: 'pf-cluster' });
    assert.equal(ok, false, 'preflight should report failures');

    const doc = await vscode.workspace.openTextDocument(uri);
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mks preflight');
    const codes = found.map((d) => String(d.code));
    const arch = found.find((d) => d.code === 'preflight-arch');
    assert.ok(arch, `no arch failure among ${codes.join(', ')}`);
    assert.equal(doc.getText(arch.range), 'arm64');
    assert.equal(arch.severity, vscode.DiagnosticSeverity.Error);
    const privateIp = found.find((d) => d.code === 'preflight-private-ip');
    assert.ok(privateIp, `no privateIP failure among ${codes.join(', ')}`);
    assert.equal(doc.getText(privateIp.range), '10.0.0.11');
    for (const passed of ['preflight-reachable', 'preflight-hostname']) assert.ok(!codes.includes(passed), `${passed} should pass: ${codes.join(', ')}`);

    const result = entry('pf-cluster').preflight?.byHostname['pf-node-1'];
    assert.equal(result?.outcome, 'failed');
    const nodes = child('pf-cluster', 'nodes').children;
    assert.equal(nodes.length, 1);
    assert.match(nodes[0].label, /pf-node-1/);
  });
  /** A committed copy of the seed under another name: the state tests below start from a clean, known cluster. */
  const ST = 'st-cluster';
  let copied = false;
  const committedCopy = async () => {
    if (!copied) {
      copied = true;
      const text = git('show', `HEAD:${SEED_FILE}`).replace(`name: ${SEED}`, `name: ${ST}`);
      writeWorkspaceFile('it/states.yaml', text);
      git('add', 'it/states.yaml');
      git('commit', '-q', '-m', 'a cluster for the state tests');
    }
    fs.rmSync(path.join(rctlState, 'cluster.yaml'), { force: true }); // the controller does not know it
  };

  test('states say what happened: a refused key is "auth failed", an encrypted key is "needs passphrase" (no prompt), a missing status command is "no status"', async () => {
    await committedCopy();
    try {
      await config().update('agents', agentsAt(sshd.port, {}, keyFiles.stranger), vscode.ConfigurationTarget.Global);
      const refused = await expectState(ST, 'auth-failed', true);
      assert.equal(refused.description, 'auth failed');
      assert.match(child(ST, 'system').tooltip ?? '', /Authentication refused by/);

      // A background refresh asks nobody: the key waits for "Enter Passphrase" (offered on the System node).
      await config().update('agents', agentsAt(sshd.port, {}, keyFiles.encrypted), vscode.ConfigurationTarget.Global);
      await expectState(ST, 'needs-passphrase', true);
      const system = child(ST, 'system');
      assert.equal(system.description, 'needs passphrase');
      assert.equal(system.contextValue, 'mks.system.needsPassphrase');

      await config().update('agents', agentsAt(sshd.port, { statusCommand: 'rctl-not-installed get cluster {name}' }), vscode.ConfigurationTarget.Global);
      await expectState(ST, 'status-unavailable', true);
      assert.equal(child(ST, 'system').description, 'rctl-not-installed: not found');
      assert.doesNotMatch(child(ST, 'system').tooltip ?? '', /no cluster named/);
    } finally {
      await config().update('agents', agentsAt(sshd.port), vscode.ConfigurationTarget.Global);
    }
  }).timeout(180_000);

  test('cancel is cancel: an apply cancelled during the remote command leaves the tree and the agent host as they were', async () => {
    await startFrom('sshd');
    await committedCopy();
    await expectState(ST, 'not-in-system', true);
    fs.writeFileSync(path.join(rctlState, 'mode'), 'hang');
    fs.rmSync(path.join(rctlState, 'pid'), { force: true });
    // The change plan comes first: the test confirms it in the user's place, so that rctl apply starts.
    api.dialogs.respondWith((d) => (d.buttons.includes('Apply') ? 'Apply' : undefined));
    try {
      const st = entry(ST);
      const applying = vscode.commands.executeCommand<boolean>('mksGitops.apply', { file: st.file, name: ST });
      await waitFor('rctl to be running on the agent host', () => (fs.existsSync(path.join(rctlState, 'pid')) ? true : undefined), 120_000);
      assert.match(api.dialogs.asked()[0]?.message ?? '', /^Apply st-cluster\?/, 'the plan was confirmed before rctl ran');
      const cancelled = await vscode.commands.executeCommand<number>('mksGitops.cancelOperation');
      assert.equal(cancelled, 1);
      assert.equal(await applying, false);
      const pid = Number(fs.readFileSync(path.join(rctlState, 'pid'), 'utf8'));
      await waitFor('the remote rctl to be stopped', () => (isAlive(pid) ? undefined : true));
      assert.equal(fs.existsSync(path.join(workdir, ST, 'applied.json')), false, 'a cancelled apply records nothing');
      assert.equal(fs.existsSync(path.join(workdir, ST, '.lock')), false, 'the lock is released');
      const node = await expectState(ST, 'not-in-system', true);
      assert.equal(node.description, 'new');
      assert.equal(vscode.languages.getDiagnostics(vscode.Uri.parse(st.file)).filter((d) => d.source === 'mks preflight').length, 0);
    } finally {
      api.dialogs.respondWith(undefined);
      fs.rmSync(path.join(rctlState, 'mode'), { force: true });
    }
  }).timeout(180_000);

  test('cancel is cancel: a preflight cancelled while a node is being checked leaves no finding and no result', async () => {
    assert.ok(node, 'the preflight test started a node');
    const pidFile = path.join(node.dir, 'uname.pid');
    fs.writeFileSync(path.join(node.binDir, 'uname'), `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 300\n`, { mode: 0o755 });
    try {
      const spec = fs.readFileSync(workspaceUri('it/preflight.yaml').fsPath, 'utf8').replace('name: pf-cluster', 'name: pf-cancel');
      const uri = writeWorkspaceFile('it/pf-cancel.yaml', spec);
      await expectState('pf-cancel', 'untracked', false); // not in Git
      const checking = vscode.commands.executeCommand<boolean>('mksGitops.preflight', { file: uri.toString(), name: 'pf-cancel' });
      await waitFor('the node check to be running', () => (fs.existsSync(pidFile) ? true : undefined), 120_000);
      assert.equal(await vscode.commands.executeCommand<number>('mksGitops.cancelOperation'), 1);
      assert.equal(await checking, false);
      assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mks preflight'), []);
      assert.equal(entry('pf-cancel').preflight, undefined, 'the tree keeps no result of a cancelled run');
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      await waitFor('the remote check to be stopped', () => (isAlive(pid) ? undefined : true));
    } finally {
      fs.rmSync(path.join(node.binDir, 'uname'), { force: true });
    }
  }).timeout(180_000);
});
