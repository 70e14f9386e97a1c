// What `validate` finds: the real engine on real files (schema codes, rules, syntax, cross-file references, --config).
import { describe, expect, it } from 'vitest';
import { codesIn, runJson } from './runCli';

describe('findings', () => {
  it('broken YAML is a yaml-syntax error at the broken spot', () => {
    const { status, output } = runJson(['validate', 'broken.yaml']);
    const [finding] = output.files[0].findings;
    expect(finding).toMatchObject({ code: 'yaml-syntax', severity: 'error' });
    expect(finding.line).toBeGreaterThanOrEqual(9);
    expect(status).toBe(1);
  });

  it('an alias bomb in an MKS spec is an error on the document (exit 1), never a clean pass', () => {
    const { status, output } = runJson(['validate', 'alias-bomb.yaml']);
    expect(output.files[0].findings).toEqual([
      expect.objectContaining({ code: 'yaml-unreadable', severity: 'error', line: 3, message: expect.stringMatching(/Excessive alias count.*nothing in it was checked/) }),
    ]);
    expect(status).toBe(1);
  });

  it('an unrelated Kubernetes object gets nothing at all', () => {
    const { status, output } = runJson(['validate', 'deployment.yaml']);
    expect(output.files).toEqual([{ path: 'deployment.yaml', findings: [] }]);
    expect(status).toBe(0);
  });

  it('schema problems: unknown key, wrong type, value outside an enum, missing required key', () => {
    const { status, output } = runJson(['validate', 'schema-errors.yaml']);
    const codes = codesIn(output);
    expect(codes).toEqual(expect.arrayContaining(['schema/unknown-key', 'schema/type', 'schema/enum', 'schema/required']));
    const at = (code: string) => output.files[0].findings.find((f) => f.code === code);
    expect(at('schema/unknown-key')).toMatchObject({ line: 14, column: 5 }); // the key `colour`
    expect(at('schema/type')).toMatchObject({ line: 13, column: 23 }); // the value "yes"
    expect(at('schema/enum')).toMatchObject({ line: 24, column: 15 }); // the value x86
    expect(status).toBe(1);
  });

  it('cross-field rules report under their rule id', () => {
    const { status, output } = runJson(['validate', 'rule-errors.yaml']);
    expect(codesIn(output)).toEqual(expect.arrayContaining(['control-plane-required', 'duplicate-private-ip']));
    expect(status).toBe(1);
  });

  it('a cloudCredentials reference resolves to a Credentials spec in another file given on the same run', () => {
    const alone = runJson(['validate', 'credentials-ref/cluster.yaml']).output.files[0].findings;
    const unresolved = alone.filter((f) => f.message.includes('shared-ssh-creds'));
    expect(unresolved).not.toEqual([]);
    const together = runJson(['validate', 'credentials-ref']).output;
    expect(together.files.map((f) => f.path)).toEqual(['credentials-ref/cluster.yaml', 'credentials-ref/credentials.yaml']);
    expect(together.files[0].findings.filter((f) => f.message.includes('shared-ssh-creds'))).toEqual([]);
  });

  it('--config severities silence a rule or lower its level', () => {
    const { status, output } = runJson(['validate', '--config', 'config/relax-rules.json', 'rule-errors.yaml']);
    const codes = codesIn(output);
    expect(codes).not.toContain('duplicate-private-ip');
    expect(output.files[0].findings.find((f) => f.code === 'control-plane-required')?.severity).toBe('warning');
    expect(status).toBe(0);
  });

  it('--config allow-lists replace the defaults', () => {
    const before = runJson(['validate', 'old-version.yaml']).output.files[0].findings;
    const after = runJson(['validate', '--config', 'config/allow-v1.32.json', 'old-version.yaml']).output.files[0].findings;
    const aboutVersion = (findings: typeof before) => findings.filter((f) => f.line === 13);
    expect(aboutVersion(before)).not.toEqual([]);
    expect(aboutVersion(after)).toEqual([]);
  });
});
