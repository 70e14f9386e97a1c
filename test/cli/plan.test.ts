// `mks-gitops plan` and `apply`'s plan flags before any connection: help, and bad usage is exit 2 with a clear message.
// (The plan itself, over SSH, is in test/ssh/plan.test.ts.)
import { describe, expect, it } from 'vitest';
import { runCli } from './runCli';

describe('mks-gitops plan: usage', () => {
  it('--help names what it does and its flags', () => {
    const help = runCli(['plan', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mks-gitops plan FILE \[options\]\n\nShow what applying each Cluster spec/);
    expect(help.stdout).toContain('Exit status: 0 the plan can be applied, 1 a plan is blocked');
    expect(help.stdout).toContain('--plan-rules ID=LEVEL,...');
    expect(help.stdout).not.toContain('--allow-blocked');
    expect(runCli(['apply', '--help']).stdout).toContain('--allow-blocked');
  });

  it('bad --plan-rules and a missing --agent are usage errors (exit 2), never ignored', () => {
    const unknown = runCli(['plan', 'old-version.yaml', '--plan-rules', 'plan-pod-subnet=blocked,plan-cni=info']);
    expect(unknown.stderr).toContain("mks-gitops plan: --plan-rules: unknown plan rule 'plan-cni'");
    expect(unknown.status).toBe(2);
    const level = runCli(['apply', 'old-version.yaml', '--plan-rules', 'plan-pod-subnet=error']);
    expect(level.stderr).toContain(`--plan-rules: plan rule 'plan-pod-subnet' must be blocked, warning or info (got "error")`);
    expect(level.status).toBe(2);
    const shape = runCli(['plan', 'old-version.yaml', '--plan-rules', 'plan-pod-subnet']);
    expect(shape.stderr).toContain("--plan-rules: 'plan-pod-subnet' is not ID=LEVEL");
    const noAgent = runCli(['plan', 'old-version.yaml']);
    expect(noAgent.stderr).toContain('--agent USER@HOST[:PORT] is required');
    expect(noAgent.status).toBe(2);
  });
});
