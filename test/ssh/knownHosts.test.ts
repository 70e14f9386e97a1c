// known_hosts parsing and lookup, checked against OpenSSH's own tools (ssh-keygen -H hashes, -l fingerprints).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, formatEntry, parseKnownHosts, verify } from '../../client/src/agent/knownHosts';
import { makeTempDir, removeDir } from '../support/sshd';

let dir: string;
let a: { line: string; blob: Buffer; file: string };
let b: { line: string; blob: Buffer; file: string };
let rsa: { line: string; blob: Buffer; file: string };

function key(name: string, type = 'ed25519') {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const line = readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { line, blob: Buffer.from(line.split(' ')[1], 'base64'), file };
}

beforeAll(() => {
  dir = makeTempDir('known-hosts');
  a = key('a');
  b = key('b');
  rsa = key('r', 'rsa');
});
afterAll(() => removeDir(dir));

const check = (text: string, host: string, port: number, blob: Buffer) => verify(parseKnownHosts(text), host, port, blob).status;

describe('known_hosts lookup', () => {
  it('matches plain names, comma lists and [host]:port', () => {
    const text = `# comment\nagent.example,10.0.0.5 ${a.line}\n[10.0.0.6]:2222 ${a.line}\n`;
    expect(check(text, 'agent.example', 22, a.blob)).toBe('known');
    expect(check(text, '10.0.0.5', 22, a.blob)).toBe('known');
    expect(check(text, '10.0.0.6', 2222, a.blob)).toBe('known');
    expect(check(text, '10.0.0.6', 22, a.blob)).toBe('unknown');
    expect(check(text, '10.0.0.5', 2222, a.blob)).toBe('unknown');
    expect(check(text, 'AGENT.example', 22, a.blob)).toBe('known');
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    const file = path.join(dir, 'hashed');
    writeFileSync(file, `agent.example ${a.line}\n[10.0.0.6]:2222 ${b.line}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('agent.example');
    expect(text.split('\n')[0]).toMatch(/^\|1\|/);
    expect(check(text, 'agent.example', 22, a.blob)).toBe('known');
    expect(check(text, '10.0.0.6', 2222, b.blob)).toBe('known');
    expect(check(text, '10.0.0.6', 2222, a.blob)).toBe('changed');
    expect(check(text, 'other.example', 22, a.blob)).toBe('unknown');
  });

  it('supports * and ? wildcards and ! negation', () => {
    const text = `*.example,!bad.example ${a.line}\nnode-? ${a.line}\n`;
    expect(check(text, 'x.example', 22, a.blob)).toBe('known');
    expect(check(text, 'bad.example', 22, a.blob)).toBe('unknown');
    expect(check(text, 'node-1', 22, a.blob)).toBe('known');
    expect(check(text, 'node-12', 22, a.blob)).toBe('unknown');
  });

  it('a different key of the same type is a change; a new key type is only unknown', () => {
    const text = `agent.example ${a.line}\n`;
    expect(verify(parseKnownHosts(text), 'agent.example', 22, b.blob)).toEqual({ status: 'changed', expected: [fingerprint(a.blob)] });
    expect(check(text, 'agent.example', 22, rsa.blob)).toBe('unknown');
  });

  it('@revoked refuses the key for every host; @cert-authority lines are ignored', () => {
    const text = `@revoked * ${b.line}\nagent.example ${b.line}\n@cert-authority *.example ${a.line}\n`;
    expect(check(text, 'agent.example', 22, b.blob)).toBe('revoked');
    expect(check(text, 'x.example', 22, a.blob)).toBe('unknown');
  });

  it('skips damaged lines instead of failing', () => {
    const text = `garbage\nagent.example ssh-ed25519 !!!notbase64\nagent.example ssh-rsa ${a.line.split(' ')[1]}\n@weird agent.example ${a.line}\n`;
    expect(parseKnownHosts(text)).toEqual([]);
    expect(check(text, 'agent.example', 22, a.blob)).toBe('unknown');
  });

  it('prints SHA256 fingerprints exactly like ssh-keygen -l', () => {
    for (const k of [a, b, rsa]) {
      const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${k.file}.pub`], { encoding: 'utf8' }).split(' ')[1];
      expect(fingerprint(k.blob)).toBe(printed);
    }
  });

  it('writes entries OpenSSH reads back', () => {
    const file = path.join(dir, 'ours');
    writeFileSync(file, formatEntry('10.1.2.3', 2222, a.blob) + '\n' + formatEntry('agent.example', 22, b.blob) + '\n');
    expect(execFileSync('ssh-keygen', ['-F', '[10.1.2.3]:2222', '-f', file], { encoding: 'utf8' })).toContain(a.line);
    expect(execFileSync('ssh-keygen', ['-F', 'agent.example', '-f', file], { encoding: 'utf8' })).toContain(b.line);
  });
});

describe('writing an accepted key to the user\'s known_hosts', () => {
  it('after the user accepted it (not with accept-new): OpenSSH finds it there; never twice', async () => {
    const { HostKeyPolicy, appendKnownHost } = await import('../../client/src/agent/hostKeys');
    const userFile = path.join(dir, 'home-ssh', 'known_hosts');
    const accepted: string[] = [];
    const policy = new HostKeyPolicy({
      trustStoreFile: path.join(dir, 'store-accepted'),
      userKnownHostsFiles: [],
      ask: async () => true,
      onAccepted: async (host, port, blob) => {
        accepted.push(`${host}:${port}`);
        await appendKnownHost(userFile, host, port, blob);
      },
    });
    await policy.check('10.0.0.9', 2200, a.blob);
    await policy.check('10.0.0.9', 2200, a.blob); // known now: not asked, not written again
    expect(accepted).toEqual(['10.0.0.9:2200']);
    expect(await appendKnownHost(userFile, '10.0.0.9', 2200, a.blob)).toBe(false);
    expect(readFileSync(userFile, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
    // OpenSSH's own lookup finds the entry we wrote.
    expect(execFileSync('ssh-keygen', ['-F', '[10.0.0.9]:2200', '-f', userFile], { encoding: 'utf8' })).toContain(a.line);
    const auto = new HostKeyPolicy({ trustStoreFile: path.join(dir, 'store-auto'), userKnownHostsFiles: [], acceptNew: true, onAccepted: async () => void accepted.push('auto') });
    await auto.check('10.0.0.10', 22, b.blob);
    expect(accepted).toEqual(['10.0.0.9:2200']);
  });
});
