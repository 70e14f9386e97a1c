// UI check and README pictures: opens the real workbench (VS Code server from code-server, headless Chromium) with the
// built extension installed (unpacked, as from the .vsix), opens a faulty spec, waits for its squiggle and the Problems panel, then the
// MKS Clusters view refreshed against a real sshd agent host; saves docs/diagnostic.png and docs/tree.png; then
// pulls the drifted cluster from the system through the context menu and its modal confirmation (which the
// extension-host suite cannot answer). Each step waits for what a user would see and fails with the step's name.
// The system side: Rafay's rctl cannot run here, so test/support/rctl-double.sh (a test double at rctl's command
// line) answers on the agent: demo-seed as committed (synced), prod-ha on an older version (drifted); edge-agent
// points at a closed port (unreachable). Run after `npm run build`:  node test/vscode/ui/screenshots.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { makeHome, makeWorkspace, root, setUpVsCode } from '../workspace.mjs';

const { startServer, openWorkbench, NOISE } = createRequire(import.meta.url)('../../../scripts/code-shim.js');

const FAULTY_FILE = 'faulty-cluster.yaml';
// Mistakes a user makes: a duplicated private IP, the legacy role name Master, a misspelled key.
const FAULTY_SPEC = `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
metadata:
  name: edge-lab
  project: demo
spec:
  type: mks
  blueprint:
    name: minimal
    version: latest
  cloudCredentials: mks-ssh-creds
  config:
    autoApproveNodes: true
    highAvailability: false
    kubernetesVersion: v1.34.1
    locaton: sanjose-us
    network:
      cni:
        name: Calico
        version: 3.26.1
      podSubnet: 10.244.0.0/16
      serviceSubnet: 10.96.0.0/12
    nodes:
      - hostname: cp-1
        privateIP: 10.0.0.11
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [Master]
      - hostname: wk-1
        privateIP: 10.0.0.11
        arch: amd64
        operatingSystem: Ubuntu22.04
        roles: [Worker]
`;

const docs = path.join(root, 'docs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mks-ui-'));

async function step(name, action) {
  try {
    return await action();
  } catch (e) {
    throw new Error(`${name}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
  }
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ timeout: 30_000 });
}

/**
 * Installs the built extension as a user would have it: the files the .vsix holds (see .vscodeignore), unpacked into
 * `<extensions>/<publisher>.<name>-<version>`, which the VS Code server picks up at start.
 */
function installUnpacked(extensionsDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  for (const item of ['package.json', 'package.nls.json', 'dist/extension.js', 'dist/agent.js', 'dist/server.js', 'dist/yamlService.js', 'schemas', 'resources', 'README.md', 'LICENSE']) {
    if (fs.existsSync(path.join(root, item))) fs.cpSync(path.join(root, item), path.join(target, item), { recursive: true });
  }
}

/** A real sshd on loopback as the agent host, with the rctl double on its PATH reporting `systemSpecs`. */
async function startAgent(home, systemSpecs) {
  const sshdModule = path.join(tmp, 'sshd.cjs');
  await build({ entryPoints: [path.join(root, 'test/support/sshd.ts')], outfile: sshdModule, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const { makeKeys, startSshd, freePort } = createRequire(import.meta.url)(sshdModule);
  const keyDir = path.join(tmp, 'keys');
  fs.mkdirSync(keyDir);
  const keys = makeKeys(keyDir);
  const sshd = await startSshd({ dir: path.join(tmp, 'agent'), listen: '127.0.0.1', hostname: 'gitops-agent-1', authorizedKeys: keys.authorizedKeys });
  fs.copyFileSync(path.join(root, 'test/support/rctl-double.sh'), path.join(sshd.binDir, 'rctl'));
  fs.chmodSync(path.join(sshd.binDir, 'rctl'), 0o755);
  fs.mkdirSync(path.join(sshd.binDir, 'rctl-state'));
  fs.writeFileSync(path.join(sshd.binDir, 'rctl-state', 'cluster.yaml'), systemSpecs);
  const hostKey = fs.readFileSync(`${sshd.hostKey}.pub`, 'utf8').split(/\s+/).slice(0, 2).join(' ');
  fs.appendFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${hostKey}\n`);
  const agent = (port) => ({ host: '127.0.0.1', port, username: os.userInfo().username, auth: { identityFile: keys.plain, useAgent: false }, workdir: path.join(tmp, 'workdir') });
  // Agent names as examples/credentials.yaml and examples/multi-document.yaml give them.
  const agents = { 'gitops-agent-1': agent(sshd.port), 'edge-agent': agent(await freePort()) };
  process.on('exit', () => sshd.kill()); // also when a later step fails
  return { agents, stop: () => sshd.kill() };
}

async function main() {
  process.env.VSCODE_SERVER_MAIN = setUpVsCode();
  const workspace = makeWorkspace(tmp);
  fs.writeFileSync(path.join(workspace, FAULTY_FILE), FAULTY_SPEC);
  const example = (file) => fs.readFileSync(path.join(workspace, file), 'utf8');
  // The system runs prod-ha one minor behind, with another pod subnet and a worker the file no longer lists: the
  // change plan of applying the file then shows an upgrade, a warning for the subnet and one for the removed node.
  const drifted = example('cluster-ha.yaml')
    .replace('kubernetesVersion: v1.34.2', 'kubernetesVersion: v1.33.5')
    .replace('      podSubnet: 10.244.0.0/16', '      podSubnet: 10.240.0.0/16')
    .replace('    nodes:\n', '    nodes:\n      - {hostname: worker-2, privateIP: 10.0.0.23, arch: amd64, operatingSystem: Ubuntu24.04, roles: [Worker]}\n');
  // VS Code gets the throwaway HOME (its known_hosts trusts the test sshd) and no ssh-agent.
  process.env.HOME = makeHome(tmp);
  process.env.SSH_AUTH_SOCK = '';
  const agent = await startAgent(process.env.HOME, `${example('cluster-seed.yaml')}\n---\n${drifted}`);
  const extensionsDir = path.join(tmp, 'extensions');
  installUnpacked(extensionsDir);
  const server = await startServer({
    userDataDir: path.join(tmp, 'user-data'),
    extensionsDir,
    smokeTestDriver: false, // so that the Pull from System confirmation can show
    settings: { 'workbench.colorTheme': 'Default Dark Modern', 'mksGitops.agents': agent.agents, 'mksGitops.apply.preflight': false },
  });
  const { browser, page } = await openWorkbench({
    base: server.base,
    folder: workspace,
    viewport: { width: 1400, height: 860 },
    onLog: (type, msg) => process.env.VERBOSE && !NOISE.test(msg) && console.log(`[workbench ${type}] ${msg}`),
  });
  try {
    await step('workbench loads', () => page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 }));
    await step(`open ${FAULTY_FILE}`, () => openFile(page, FAULTY_FILE));
    await step('an error squiggle appears', () => page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 }));
    await step("the status bar and the CodeLens show the spec's state", async () => {
      await page.locator('.statusbar-item', { hasText: 'edge-lab: invalid' }).first().waitFor({ timeout: 60_000 });
      await page.locator('.monaco-editor .codelens-decoration', { hasText: 'Preflight' }).first().waitFor({ timeout: 30_000 });
    });
    await step('the Problems panel lists the findings', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'locaton' }).first().waitFor({ timeout: 30_000 });
    });
    await step('hover shows the message', () => hoverFirstError(page));
    await page.waitForTimeout(400); // the hover fades in; let it settle before the picture
    fs.mkdirSync(docs, { recursive: true });
    await page.screenshot({ path: path.join(docs, 'diagnostic.png') });

    await step('the MKS Clusters view opens', async () => {
      await page.mouse.move(5, 500); // away from the hover so it closes
      await page.keyboard.press('Escape');
      await page.locator('.activitybar .action-item a[aria-label*="MKS"]').first().click();
      await page.locator('.part.sidebar .title', { hasText: /MKS Clusters/i }).first().waitFor({ timeout: 30_000 });
    });
    const tree = page.locator('.part.sidebar');
    await step('the tree shows the clusters', () => tree.locator('.monaco-list-row', { hasText: 'edge-lab' }).first().waitFor({ timeout: 60_000 }));
    await step('Refresh asks the agent: synced and drifted clusters', async () => {
      await tree.locator('.title-actions .action-label[aria-label^="Refresh"]').first().click();
      await tree.locator('.monaco-list-row', { hasText: 'synced' }).first().waitFor({ timeout: 60_000 });
      await tree.locator('.monaco-list-row', { hasText: 'drifted' }).first().waitFor({ timeout: 60_000 });
    });
    await step('widen the side bar so the descriptions fit', async () => {
      const box = await tree.boundingBox();
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width - 1, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width + 180, y, { steps: 5 });
      await page.mouse.up();
    });
    await step('a drifted cluster expands to Git, System, Nodes and Changes', async () => {
      await expand(page, tree.locator('.monaco-list-row', { hasText: 'prod-ha' }).first());
      await tree.locator('.monaco-list-row', { hasText: 'Changes' }).first().waitFor({ timeout: 15_000 });
      await expand(page, tree.locator('.monaco-list-row', { hasText: 'Changes' }).first());
    });
    await page.screenshot({ path: path.join(docs, 'tree.png') });
    console.log(`saved ${path.relative(root, path.join(docs, 'diagnostic.png'))} and ${path.relative(root, path.join(docs, 'tree.png'))}`);

    await step('Apply asks with the change plan; Show Plan opens it beside the spec', async () => {
      await tree.locator('.monaco-list-row', { hasText: 'prod-ha' }).first().click({ button: 'right' });
      const item = await page.getByRole('menuitem', { name: 'Apply Cluster Spec' }).boundingBox();
      await page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
      await page.waitForTimeout(500);
      await page.mouse.click(item.x + item.width / 2, item.y + item.height / 2);
      // Earlier questions (engine warnings) are answered; the plan's confirmation is the one with Show Plan.
      for (let asked = 0; ; asked++) {
        const dialog = page.locator('.monaco-dialog-box').first();
        await dialog.waitFor({ timeout: 60_000 });
        const showPlan = dialog.locator('.monaco-button', { hasText: /^Show Plan$/ });
        if ((await showPlan.count()) > 0) {
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(docs, 'plan-confirm.png') });
          await showPlan.first().click();
          break;
        }
        if (asked === 3) throw new Error(`no plan confirmation; last dialog: ${await dialog.innerText()}`);
        await dialog.locator('.monaco-button', { hasText: /^(Apply|Apply Anyway)$/ }).first().click();
        await dialog.waitFor({ state: 'detached', timeout: 10_000 });
      }
      await page.locator('.tab.active[aria-label*="prod-ha.plan"]').waitFor({ timeout: 30_000 });
      await page.locator('.monaco-editor .view-lines', { hasText: 'Change plan for prod-ha' }).first().waitFor({ timeout: 10_000 });
      // The plan's lines are long: give its editor the window's width for the picture (side bar hidden, editor
      // group maximized), then put both back.
      await page.locator('.monaco-editor .view-lines', { hasText: 'Change plan for prod-ha' }).first().click();
      await page.keyboard.press('Control+B');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+M');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(docs, 'plan.png') });
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+M');
      await page.keyboard.press('Control+B');
      await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Control+W'); // the apply still waits for its answer; it is never given
    });
    console.log(`saved ${path.relative(root, path.join(docs, 'plan-confirm.png'))} and ${path.relative(root, path.join(docs, 'plan.png'))}`);

    // Through the real modal dialog (the suite answers it through a test responder instead).
    await step('Pull from System (context menu, confirm) writes the system version and keeps the comments', async () => {
      await tree.locator('.monaco-list-row', { hasText: 'prod-ha' }).first().click({ button: 'right' });
      // The context menu ignores a click that comes right after it opened (the right-click's own mouse-up).
      const item = await page.getByRole('menuitem', { name: 'Pull from System' }).boundingBox();
      await page.mouse.move(item.x + item.width / 2, item.y + item.height / 2);
      await page.waitForTimeout(500);
      await page.mouse.click(item.x + item.width / 2, item.y + item.height / 2);
      const pullDialog = page.locator('.monaco-dialog-box').first();
      await pullDialog.waitFor({ timeout: 30_000 });
      const asked = await pullDialog.innerText();
      // The confirmation says each change in the direction Pull writes it: the system's value into the file.
      for (const line of ['kubernetesVersion: v1.33.5 (system) → file, was v1.34.2', 'network.podSubnet: 10.240.0.0/16 (system) → file, was 10.244.0.0/16', 'Node worker-2 (10.0.0.23, Worker): in the system → added to the file']) {
        if (!asked.includes(line)) throw new Error(`the Pull confirmation lacks "${line}": ${asked}`);
      }
      await pullDialog.locator('.monaco-button', { hasText: /^Pull$/ }).first().click();
      await page.locator('.tab.active[aria-label*="cluster-ha.yaml"]').waitFor({ timeout: 30_000 });
      const lines = page.locator('.monaco-editor .view-lines').first();
      await lines.filter({ hasText: '# A production-style MKS cluster' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Control+G');
      await page.keyboard.type('23');
      await page.keyboard.press('Enter');
      await lines.filter({ hasText: 'kubernetesVersion: v1.33.5' }).waitFor({ timeout: 10_000 });
      // The file now differs from Git: the view says so.
      await tree.locator('.monaco-list-row', { hasText: 'prod-ha' }).filter({ hasText: 'modified' }).first().waitFor({ timeout: 30_000 });
    });
    console.log('Pull from System: the file now has the system version, comments kept');
  } catch (e) {
    await page.screenshot({ path: path.join(tmp, 'failure.png') }).catch(() => {});
    // Headless, notification toasts are not drawn; the notification centre still lists them.
    const notes = await notifications(page).catch(() => []);
    if (notes.length) console.error(`notifications:\n  ${notes.join('\n  ')}`);
    throw e;
  } finally {
    await browser.close().catch(() => {});
    server.stop();
    agent.stop();
  }
}

/**
 * Moves the mouse onto the first visible error squiggle until its hover shows. The squiggle sits in an overlay under
 * the text (so not hover()), and is re-rendered whenever the layout or the diagnostics change, so retry a few times.
 */
async function hoverFirstError(page) {
  const squiggle = page.locator('.monaco-editor .squiggly-error').filter({ visible: true }).first();
  const hover = page.locator('.monaco-hover').filter({ visible: true }).first();
  for (let attempt = 1; ; attempt++) {
    const box = await squiggle.boundingBox().catch(() => null);
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      if (await hover.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return;
    }
    if (attempt === 5) throw new Error('no hover appeared over the error squiggle');
    await page.mouse.move(5, 500);
    await page.waitForTimeout(500);
  }
}

async function notifications(page) {
  await page.locator('[id="status.notifications"]').click();
  return page.locator('.notifications-center .notification-list-item').allInnerTexts();
}

/** Expands a collapsed tree row by its twistie (a click on a cluster's label opens its spec instead). */
async function expand(page, row) {
  if ((await row.getAttribute('aria-expanded')) !== 'false') return;
  await row.locator('.monaco-tl-twistie').click();
  await page.waitForTimeout(300); // let the children render before the next click or the picture
}

main().then(
  () => fs.rmSync(tmp, { recursive: true, force: true }),
  (e) => {
    console.error(`screenshots failed at ${e.message} (server log and failure.png under ${tmp})`);
    process.exit(1);
  },
);
