// UI check and README pictures: opens the real workbench (VS Code server from code-server, headless Chromium) with the
// extension loaded and no tests path, opens a faulty spec, waits for its squiggle and the Problems panel, then the
// MKS Clusters view; saves docs/diagnostic.png and docs/tree.png. Each step waits for what a user would see and
// fails with the step's name if it never shows. Run after `npm run build`:  node test/vscode/ui/screenshots.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { makeWorkspace, root, setUpVsCode } from '../workspace.mjs';

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

async function main() {
  process.env.VSCODE_SERVER_MAIN = setUpVsCode();
  const workspace = makeWorkspace(tmp);
  fs.writeFileSync(path.join(workspace, FAULTY_FILE), FAULTY_SPEC);
  const server = await startServer({ userDataDir: path.join(tmp, 'user-data'), settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  const { browser, page } = await openWorkbench({
    base: server.base,
    folder: workspace,
    dev: [root],
    viewport: { width: 1400, height: 860 },
    onLog: (type, msg) => process.env.VERBOSE && !NOISE.test(msg) && console.log(`[workbench ${type}] ${msg}`),
  });
  try {
    await step('workbench loads', () => page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 }));
    await step(`open ${FAULTY_FILE}`, () => openFile(page, FAULTY_FILE));
    await step('an error squiggle appears', () => page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 }));
    await step('the Problems panel lists the findings', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
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
    await step('the tree shows the clusters', async () => {
      const tree = page.locator('.part.sidebar');
      await tree.locator('.monaco-list-row', { hasText: 'edge-lab' }).first().waitFor({ timeout: 60_000 });
      await expand(page, tree.locator('.monaco-list-row', { hasText: 'edge-lab' }).first());
      await expand(page, tree.locator('.monaco-list-row', { hasText: 'prod-ha' }).first());
    });
    await page.screenshot({ path: path.join(docs, 'tree.png') });
    console.log(`saved ${path.relative(root, path.join(docs, 'diagnostic.png'))} and ${path.relative(root, path.join(docs, 'tree.png'))}`);
  } catch (e) {
    await page.screenshot({ path: path.join(tmp, 'failure.png') }).catch(() => {});
    throw e;
  } finally {
    await browser.close().catch(() => {});
    server.stop();
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

/** Expands a collapsed tree row (a cluster) so the picture shows its Git, System, Nodes and Changes children. */
async function expand(page, row) {
  if ((await row.count()) === 0 || (await row.getAttribute('aria-expanded')) !== 'false') return;
  await row.click();
  await page.waitForTimeout(500); // let the children render before the next click or the picture
}

main().then(
  () => fs.rmSync(tmp, { recursive: true, force: true }),
  (e) => {
    console.error(`screenshots failed at ${e.message} (server log and failure.png under ${tmp})`);
    process.exit(1);
  },
);
