// The SSH agent code (client/src/agent, with ssh2 under it), loaded the first time a command or a system-state
// read needs it. The build keeps `../agent` out of dist/extension.js and bundles it as dist/agent.js next to it;
// elsewhere only `import type` refers to it, so nothing loads it at activation.
export type AgentModule = typeof import('../agent');

let agent: Promise<AgentModule> | undefined;

export function loadAgent(): Promise<AgentModule> {
  return (agent ??= import('../agent'));
}
