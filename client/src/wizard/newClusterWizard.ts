// "MKS: New Cluster Spec": a short QuickPick/InputBox wizard (name, project, Kubernetes version, CNI, nodes)
// that writes a new file. Tests and scripts can pass the answers (and the target file) to skip the questions.
import * as vscode from 'vscode';
import { NAME_PATTERN, VERSION_PATTERN, newClusterSpec, type NewClusterAnswers, type NewNode } from './newClusterSpec';
import { engineSettings } from '../settings';
import type { SyncController } from '../syncView/syncController';

const CNIS = [
  { label: 'Calico', version: '3.26.1', detail: 'Qualified by Rafay; required for Windows workers' },
  { label: 'Cilium', version: '', detail: 'Qualified by Rafay' },
  { label: 'Kube-OVN', version: '', detail: 'Qualified by Rafay' },
];
const ROLES = ['ControlPlane', 'Worker', 'Storage'];
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export async function newClusterWizard(controller: SyncController, answers?: NewClusterAnswers, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const given = answers ?? (await ask(controller));
  if (!given) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file =
    target ??
    (await vscode.window.showSaveDialog({
      title: 'Save the new cluster spec',
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${given.name}.yaml`) } : {}),
      filters: { YAML: ['yaml', 'yml'] },
    }));
  if (!file) return undefined;
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(newClusterSpec(given)));
  await vscode.window.showTextDocument(file);
  return file;
}

async function ask(controller: SyncController): Promise<NewClusterAnswers | undefined> {
  const title = 'New MKS Cluster Spec';
  const name = await vscode.window.showInputBox({
    title,
    prompt: 'Cluster name (lowercase letters, digits and "-")',
    validateInput: (v) => (NAME_PATTERN.test(v) ? undefined : 'Use a DNS-1123 name, e.g. edge-01'),
  });
  if (!name) return undefined;
  const project = await pickProject(controller, title);
  if (!project) return undefined;
  const minors = engineSettings().kubernetesVersions;
  const minor = await vscode.window.showQuickPick([...minors].reverse(), { title, placeHolder: 'Kubernetes minor version (the supported window from settings)' });
  if (!minor) return undefined;
  const kubernetesVersion = await vscode.window.showInputBox({
    title,
    prompt: 'Full Kubernetes version (the controller offers specific patch versions)',
    value: `${minor}.0`,
    validateInput: (v) => (VERSION_PATTERN.test(v) ? undefined : 'Write it as vMAJOR.MINOR.PATCH, e.g. v1.34.1'),
  });
  if (!kubernetesVersion) return undefined;
  const cni = await vscode.window.showQuickPick(CNIS, { title, placeHolder: 'CNI' });
  if (!cni) return undefined;
  const cniVersion = await vscode.window.showInputBox({ title, prompt: `${cni.label} version (optional)`, value: cni.version });
  if (cniVersion === undefined) return undefined;
  const arch = await vscode.window.showQuickPick(['amd64', 'arm64'], { title, placeHolder: 'Node architecture' });
  if (!arch) return undefined;
  const operatingSystem = await vscode.window.showQuickPick(engineSettings().operatingSystems, { title, placeHolder: 'Node operating system' });
  if (!operatingSystem) return undefined;
  const nodes = await askNodes(title);
  if (!nodes) return undefined;
  return { name, project, kubernetesVersion, cni: { name: cni.label, ...(cniVersion ? { version: cniVersion } : {}) }, arch, operatingSystem, nodes };
}

async function pickProject(controller: SyncController, title: string): Promise<string | undefined> {
  const known = [...new Set(controller.clusters.map((c) => c.cluster.project))].sort();
  if (known.length === 0) return vscode.window.showInputBox({ title, prompt: 'Rafay project', validateInput: (v) => (v.trim() ? undefined : 'A project is required') });
  const other = 'Another project…';
  const pick = await vscode.window.showQuickPick([...known, other], { title, placeHolder: 'Rafay project' });
  if (pick !== other) return pick;
  return vscode.window.showInputBox({ title, prompt: 'Rafay project', validateInput: (v) => (v.trim() ? undefined : 'A project is required') });
}

/** One node per round: "hostname privateIP", then its roles; an empty answer finishes (after at least one node). */
async function askNodes(title: string): Promise<NewNode[] | undefined> {
  const nodes: NewNode[] = [];
  for (;;) {
    const first = nodes.length === 0;
    const line = await vscode.window.showInputBox({
      title,
      prompt: first ? 'First node: hostname and private IP, e.g. "cp-1 10.0.0.11"' : `Node ${nodes.length + 1}: hostname and private IP (leave empty to finish)`,
      validateInput: (v) => nodeLineProblem(v, first, nodes),
    });
    if (line === undefined) return undefined;
    if (line.trim() === '') return nodes;
    const [hostname, privateIP] = line.trim().split(/\s+/);
    const picked = await vscode.window.showQuickPick(
      ROLES.map((label) => ({ label, picked: first ? label !== 'Storage' : label === 'Worker' })),
      { title, placeHolder: `Roles of ${hostname}`, canPickMany: true },
    );
    if (!picked || picked.length === 0) return undefined;
    nodes.push({ hostname, privateIP, roles: picked.map((p) => p.label) });
  }
}

function nodeLineProblem(value: string, first: boolean, nodes: NewNode[]): string | undefined {
  const parts = value.trim().split(/\s+/).filter((p) => p);
  if (parts.length === 0) return first ? 'The cluster needs at least one node' : undefined;
  if (parts.length !== 2) return 'Write the hostname, a space, and the private IPv4 address';
  if (!NAME_PATTERN.test(parts[0])) return `"${parts[0]}" is not a valid hostname (lowercase, digits, "-")`;
  if (!IPV4.test(parts[1])) return `"${parts[1]}" is not an IPv4 address`;
  if (nodes.some((n) => n.hostname === parts[0])) return `${parts[0]} is already in the list`;
  if (nodes.some((n) => n.privateIP === parts[1])) return `${parts[1]} is already used by another node`;
  return undefined;
}
