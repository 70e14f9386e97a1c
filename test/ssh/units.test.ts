// The pure parts of the SSH agent code: agent settings, redaction, rctl output, check parsers
// (which must give a result, never throw, for any output a node may print).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentFromTarget, chooseAgent, credentialsFor, parseAgents, parseTarget } from '../../client/src/agent/agentConfig';
import { parseKnownHosts } from '../../client/src/agent/knownHosts';
import { mapLimit } from '../../client/src/agent/mapLimit';
import { nodeTargets } from '../../client/src/agent/nodes';
import { summaryText, type NodeReport, type PreflightReport } from '../../client/src/agent/preflight';
import { checkArch, checkClock, checkHostname, checkOperatingSystem, checkPorts, checkPrivateIp, checkSudo, checkSwap, operatingSystemOf, parseAddresses, parseEpoch, splitSections } from '../../client/src/agent/preflightChecks';
import { parseTaskset } from '../../client/src/agent/rctlOutput';
import { maskCommand, Redactor, REDACTED } from '../../client/src/agent/redact';
import { fill } from '../../client/src/agent/remote';
import { nodes } from '../../server/src/engine/support/clusterView';
import { YamlFile } from '../../server/src/engine/yamlFile';

describe('agent settings', () => {
  it('parses [USER@]HOST[:PORT], IPv6 in brackets, and rejects the rest', () => {
    expect(parseTarget('ubuntu@10.0.0.5')).toEqual({ username: 'ubuntu', host: '10.0.0.5', port: 22, portIsDefault: true });
    expect(parseTarget('ops@agent.example:2222')).toEqual({ username: 'ops', host: 'agent.example', port: 2222 });
    expect(parseTarget('ops@[fd00::5]:22')).toEqual({ username: 'ops', host: 'fd00::5', port: 22 });
    // A bare host (a ~/.ssh/config alias): user and port come from the file, else the local login and 22.
    expect(parseTarget('mks-agent')).toEqual({ username: '', host: 'mks-agent', port: 22, portIsDefault: true });
    expect(agentFromTarget('ops@a:2200')).toMatchObject({ port: 2200, explicitPort: true, direct: false });
    expect(() => parseTarget('a b')).toThrow('"a b" is not [USER@]HOST[:PORT]');
    expect(() => parseTarget('a@b:70000')).toThrow('port 70000 is not 1-65535');
  });

  it('reads mksGitops.agents with defaults, and reports broken entries in plain words', () => {
    const { agents, errors } = parseAgents({
      dc1: { host: 'agent1', username: 'ops', auth: { identityFile: '~/.ssh/id_ed25519' }, timeouts: { applySeconds: 600 } },
      bad1: { host: 'x', direct: 'yes' },
      bad2: { host: 'x', username: 'u', port: '22' },
      bad3: { host: 'x', username: 'u', auth: { passphrase: 'hunter22' } },
      bad4: 'agent',
    });
    expect(agents).toEqual([agentFromTarget('ops@agent1', { name: 'dc1', auth: { identityFile: '~/.ssh/id_ed25519', useAgent: true }, timeouts: { connectSeconds: 20, commandSeconds: 60, applySeconds: 600, pollSeconds: 3600 } })]);
    expect(agents[0]).toMatchObject({ port: 22, workdir: 'mks-gitops', applyCommand: 'rctl apply -f {file} --v3', statusCommand: 'rctl get cluster {name} -p {project} -o yaml --v3', pollCommand: 'rctl status apply {taskset}', parallelism: 32 });
    expect(errors).toEqual([
      'mksGitops.agents.bad1: "direct" must be true or false',
      'mksGitops.agents.bad2: "port" must be a whole number 1-65535',
      'mksGitops.agents.bad3: "passphrase" does not belong in settings; keys and passphrases are asked for and kept in secret storage',
      'mksGitops.agents.bad4: must be an object',
    ]);
    expect(errors.join()).not.toContain('hunter22');
    expect(parseAgents('nope').errors).toEqual(['mksGitops.agents must be an object: agent name → settings']);
  });

  it('chooses the agent the Credentials spec names', () => {
    const file = new YamlFile('file:///c.yaml', `apiVersion: infra.k8smgmt.io/v3
kind: Credentials
metadata: {name: creds, project: p}
spec:
  type: ClusterProvisioning
  provider: mks
  credentials: {username: ubuntu, port: "2200", agents: [{name: dc2}]}
`);
    const creds = credentialsFor({ spec: { cloudCredentials: 'creds' } }, [file]);
    expect(creds).toEqual({ name: 'creds', username: 'ubuntu', port: 2200, agents: ['dc2'] });
    const a1 = agentFromTarget('u@a1', { name: 'dc1' });
    const a2 = agentFromTarget('u@a2', { name: 'dc2' });
    expect(chooseAgent([a1, a2], creds).name).toBe('dc2');
    expect(chooseAgent([a1, a2], creds, 'dc1').name).toBe('dc1');
    expect(() => chooseAgent([a1], creds)).toThrow('Credentials "creds" names agent(s) dc2, none of which is in mksGitops.agents (configured: dc1)');
    expect(() => chooseAgent([a1, a2], undefined)).toThrow('Several agents are configured (dc1, dc2) and no Credentials spec names one: choose one');
    expect(() => chooseAgent([], undefined)).toThrow('No agent host configured: add one to mksGitops.agents');
    // Entries that are there but unusable are named, never reported as "no agent host configured".
    expect(() => chooseAgent([], undefined, undefined, ['mksGitops.agents.dc1: "host" is required'])).toThrow(
      /^mksGitops\.agents has no usable agent: mksGitops\.agents\.dc1: "host" is required$/,
    );
  });
});

describe('mapLimit', () => {
  it('keeps the order, never runs more than the limit at once, and starts nothing after an abort', async () => {
    let running = 0;
    let most = 0;
    const gates: Array<() => void> = [];
    const abort = new AbortController();
    const done = mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      if (n === 3) abort.abort();
      return n * 10;
    }, abort.signal);
    // Release the items one by one as they start: 1 and 2 first, then 3 (which aborts), then whatever started.
    while (true) {
      await new Promise((r) => setImmediate(r));
      const gate = gates.shift();
      if (!gate) break;
      gate();
    }
    const results = await done;
    expect(most).toBe(2);
    expect(results.slice(0, 4)).toEqual([10, 20, 30, 40]);
    expect(results[4]).toBeUndefined();
  });
});

describe('node targets', () => {
  it('takes the address from ssh.ipAddress else privateIP, and port/user from node ssh > config.ssh > Credentials > agent', () => {
    const cluster = new YamlFile('x', `apiVersion: infra.k8smgmt.io/v3
kind: Cluster
spec:
  type: mks
  config:
    ssh: {username: clusteruser}
    nodes:
      - {hostname: a, privateIP: 10.0.0.1, ssh: {ipAddress: 203.0.113.1, port: "2201", username: nodeuser}}
      - {hostname: b, privateIP: 10.0.0.2}
      - {hostname: c}
`).documents[0].value as Record<string, unknown>;
    const credentials = { name: 'creds', username: 'creduser', port: 2200, agents: [] };
    const targets = nodeTargets(cluster, credentials, { username: 'agentuser' });
    expect(targets.map((t) => t.target)).toEqual([
      { host: '203.0.113.1', port: 2201, username: 'nodeuser' },
      { host: '10.0.0.2', port: 2200, username: 'clusteruser' },
      undefined,
    ]);
    expect(targets[2].problem).toBe('no ssh.ipAddress or privateIP to reach the node at');
    const bare = { ...cluster, spec: { type: 'mks', config: { nodes: [{ hostname: 'd', privateIP: '10.0.0.4' }] } } };
    // Only defaults (port 22, the agent's login): ~/.ssh/config may say otherwise for the node's address.
    expect(nodeTargets(bare, undefined, { username: 'agentuser' })[0].target).toEqual({ host: '10.0.0.4', port: 22, username: 'agentuser', portIsDefault: true, usernameIsDefault: true });
  });
});

describe('redaction', () => {
  it('removes private key blocks, secret assignments and registered secrets', () => {
    const r = new Redactor();
    r.add('s3cret-pass');
    const text = 'key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\npassphrase: "abc def" then s3cret-pass, MKS_GITOPS_PASSPHRASE=xyz {"privateKey":"AAAA"}';
    const out = r.redact(text);
    expect(out).toBe(`key:\n${REDACTED}\npassphrase: ${REDACTED} then ${REDACTED}, MKS_GITOPS_PASSPHRASE=${REDACTED} {"privateKey":${REDACTED}}`);
  });

  it('masks the values of sensitive-looking arguments in a command line, quoted values with spaces whole', () => {
    const cases: Array<[string, string]> = [
      [`rctl apply -f 'x.yaml' --v3 --api-key abc123`, `rctl apply -f 'x.yaml' --v3 --api-key ${REDACTED}`],
      [`rctl apply --password 'my spaced pass' -p 'proj'`, `rctl apply --password ${REDACTED} -p 'proj'`],
      [`tool --password="a b \\" c" next`, `tool --password=${REDACTED} next`],
      [`RCTL_API_KEY='k e y' rctl get cluster demo`, `RCTL_API_KEY=${REDACTED} rctl get cluster demo`],
      [`run passphrase=one token=two password="th ree" --secret-token x`, `run passphrase=${REDACTED} token=${REDACTED} password=${REDACTED} --secret-token ${REDACTED}`],
      [`rctl apply --token --v3`, `rctl apply --token --v3`],
      [`rctl get cluster {name} -p {project} -o yaml --v3`, `rctl get cluster {name} -p {project} -o yaml --v3`],
    ];
    for (const [command, masked] of cases) expect(maskCommand(command, new Redactor())).toBe(masked);
  });

  it('masks a registered secret whole in streamed output, for every chunk boundary, spaced and multi-line', () => {
    const r = new Redactor();
    const spaced = 'correct horse battery staple 42';
    const multi = 'first secret line\nsecond secret line';
    r.add(spaced);
    r.add(multi);
    const text = `start ${spaced} middle\n${multi}\nafter ${multi.replace(/\n/g, '\r\n')} token=abc end\nlast line without newline`;
    const expected = `start ${REDACTED} middle\n${REDACTED}\nafter ${REDACTED} token=${REDACTED} end\nlast line without newline`;
    for (let cut = 0; cut <= text.length; cut++) {
      for (const second of [cut, Math.min(text.length, cut + 7)]) {
        const stream = r.stream();
        const pieces = [stream.write(text.slice(0, cut)), stream.write(text.slice(cut, second)), stream.write(text.slice(second)), stream.end()];
        expect(pieces.join(''), `cut at ${cut}/${second}`).toBe(expected);
        for (const piece of pieces) expect(piece).not.toMatch(/horse|secret line/);
      }
    }
  });

  it('lets complete lines through at once and holds only what could be the start of a secret', () => {
    const r = new Redactor();
    r.add('zebra crossing 9');
    const stream = r.stream();
    expect(stream.write('line one\nline two\npartial')).toBe('line one\nline two\n');
    expect(stream.write(' still\nthe zeb')).toBe('partial still\n');
    expect(stream.write('ra crossing 9 done\n')).toBe(`the ${REDACTED} done\n`);
    expect(stream.write('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n')).toBe('');
    expect(stream.write('BBBB\n-----END OPENSSH PRIVATE KEY-----\nok\n')).toBe(`${REDACTED}\nok\n`);
    expect(stream.write('-----BEGIN RSA PRIVATE KEY-----\ncut off')).toBe('');
    expect(stream.end()).toBe(REDACTED);
  });
});

describe('rctl output', () => {
  it('reads the v3 array, the legacy object and status output; ignores garbage', () => {
    expect(parseTaskset('[{"tasksetId":"t1","tasksetOperations":[{"operationName":"x","errorSummary":"node down"}],"tasksetStatus":"PROVISION_TASKSET_STATUS_FAILED"}]')).toEqual({ tasksetId: 't1', status: 'PROVISION_TASKSET_STATUS_FAILED', phase: 'failed', errors: ['node down'] });
    expect(parseTaskset('Applying...\n{"taskset_id":"t2","operations":[],"status":"PROVISION_TASKSET_STATUS_COMPLETE"}\n')).toMatchObject({ tasksetId: 't2', phase: 'complete' });
    expect(parseTaskset('{"taskset_id":"t3","status":"PROVISION_TASKSET_STATUS_INPROGRESS"}')).toMatchObject({ phase: 'pending' });
    expect(parseTaskset('not json {{')).toBeUndefined();
    expect(parseTaskset('{"hello":1}')).toBeUndefined();
    expect(parseTaskset('')).toBeUndefined();
  });

  it('fills placeholders shell-quoted', () => {
    expect(fill('rctl apply -f {file} --v3 -p {project} {other}', { file: "/w/a b's.yaml", project: 'p' })).toBe(`rctl apply -f '/w/a b'\\''s.yaml' --v3 -p 'p' {other}`);
  });
});

describe('preflight parsers', () => {
  const node = (fields: string) =>
    nodes(new YamlFile('x', `apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\nspec:\n  type: mks\n  config:\n    nodes:\n      - {hostname: n1, privateIP: 10.0.0.1, arch: amd64, operatingSystem: Ubuntu22.04, ${fields}}\n`).documents[0].value as Record<string, unknown>)[0];

  it('maps os-release IDs to operatingSystem values and says when it cannot', () => {
    expect(operatingSystemOf({ ID: 'ubuntu', VERSION_ID: '24.04' })).toBe('Ubuntu24.04');
    expect(operatingSystemOf({ ID: 'rhel', VERSION_ID: '9.4' })).toBe('RHEL9');
    expect(operatingSystemOf({ ID: 'rocky', VERSION_ID: '9.3' })).toBe('Rocky9');
    expect(operatingSystemOf({ ID: 'almalinux', VERSION_ID: '9.2' })).toBe('AlmaLinux9');
    expect(operatingSystemOf({ ID: 'debian', VERSION_ID: '12' })).toBeUndefined();
    expect(checkOperatingSystem(node(''), 'PRETTY_NAME="Debian GNU/Linux 12"\nID=debian\nVERSION_ID="12"\n')).toMatchObject({ status: 'warn', message: expect.stringContaining('maps to no known operatingSystem value') });
    expect(checkOperatingSystem(node(''), 'garbage')).toMatchObject({ status: 'unknown', message: 'Could not read /etc/os-release from the node (got "garbage")' });
  });

  it('reads architectures, addresses, swaps and ports, and garbage as unknown', () => {
    expect(checkArch(node(''), 'aarch64\n')).toMatchObject({ status: 'fail', message: 'Architecture mismatch: the node is arm64 (uname -m: aarch64), the spec says amd64' });
    expect(checkArch(node(''), 'riscv64\n')).toMatchObject({ status: 'fail' });
    expect(parseAddresses('1: lo    inet 127.0.0.1/8 scope host lo\n2: eth0    inet6 fe80::1/64 scope link\n3: ens3@if4    inet 10.0.0.1/24 brd x\n')).toEqual([
      { address: '127.0.0.1', iface: 'lo' },
      { address: 'fe80::1', iface: 'eth0' },
      { address: '10.0.0.1', iface: 'ens3' },
    ]);
    expect(parseAddresses('10.0.0.1 172.17.0.1 \n')).toEqual([{ address: '10.0.0.1', iface: undefined }, { address: '172.17.0.1', iface: undefined }]);
    expect(checkSwap('Filename\tType\tSize\tUsed\tPriority\n')).toMatchObject({ status: 'pass' });
    expect(checkSwap('cat: /proc/swaps: No such file')).toMatchObject({ status: 'unknown' });
    const ss = 'State Recv-Q Send-Q Local Address:Port Peer Address:Port\nLISTEN 0 4096 0.0.0.0:22 0.0.0.0:*\nLISTEN 0 4096 [::]:10250 [::]:*\nLISTEN 0 4096 127.0.0.1:2379 0.0.0.0:*\n';
    expect(checkPorts(ss)).toMatchObject({ status: 'warn', message: 'Port(s) 2379, 10250 already in use on this control-plane node (fine only if it already runs this cluster)' });
    expect(checkPorts('')).toMatchObject({ status: 'unknown' });
  });
});

describe('clock check', () => {
  it('fails only when the skew is over the limit by more than the measurement is uncertain', () => {
    expect(checkClock(1.5, 2, '', 0.1)).toMatchObject({ status: 'pass', message: 'clock within 1.50s (±0.10s) of the agent host' });
    expect(checkClock(-3, 2, '', 0.01)).toMatchObject({ status: 'fail', message: 'Clock skew of 3.0s against the agent host (limit 2s); check NTP on the node' });
    expect(checkClock(2.6, 2, '', 0.5)).toMatchObject({ status: 'fail' });
    expect(checkClock(2.4, 2, '', 0.5)).toMatchObject({ status: 'unknown', message: expect.stringMatching(/too slow to tell/) });
    expect(checkClock(1.8, 2, '', 0.5)).toMatchObject({ status: 'unknown' });
    expect(checkClock(undefined, 2, 'garbage', 0)).toMatchObject({ status: 'unknown', message: 'Could not read the clock (date +%s.%N) from the node (got "garbage")' });
  });
});

describe('garbage never crashes a parser', () => {
  const someNode = nodes(new YamlFile('x', 'apiVersion: infra.k8smgmt.io/v3\nkind: Cluster\nspec:\n  type: mks\n  config:\n    nodes: [{hostname: n1, privateIP: 10.0.0.1, arch: amd64, roles: [ControlPlane]}]\n').documents[0].value as Record<string, unknown>)[0];
  const statuses = ['pass', 'fail', 'warn', 'unknown'];

  it('check parsers give a result for any output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (output) => {
        for (const result of [
          checkHostname(someNode, output),
          checkArch(someNode, output),
          checkOperatingSystem(someNode, output),
          checkPrivateIp(someNode, output),
          checkSudo(output, 'u'),
          checkSwap(output),
          checkPorts(output),
          checkClock(parseEpoch(output), 2, output),
        ]) {
          expect(statuses).toContain(result.status);
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('known_hosts, rctl output and os-release parsers accept any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        parseKnownHosts(text);
        parseTaskset(text);
        splitSections(text);
      }),
    );
  });
});

describe('preflight summary', () => {
  const node = (index: number, results: NodeReport['results']): NodeReport => ({ index, hostname: `n${index}`, address: `u@10.0.0.${index}:22`, results });
  const report = (nodes: NodeReport[]): PreflightReport => {
    const all = nodes.flatMap((n) => n.results);
    const count = (status: string) => all.filter((r) => r.status === status).length;
    return { nodes, summary: { nodes: nodes.length, passed: count('pass'), failed: count('fail'), warnings: count('warn'), unknown: count('unknown') }, ok: count('fail') === 0, cancelled: false, planned: nodes.length };
  };
  const refused = { check: 'reachable' as const, status: 'fail' as const, message: 'Authentication refused by agent@10.0.0.1:22 (publickey)' };

  it('says the one cause once when no node could be reached for the same reason', () => {
    expect(summaryText(report([node(1, [refused]), node(2, [refused]), node(3, [refused])]))).toBe(
      'Preflight failed: none of the 3 nodes could be reached: Authentication refused by agent@10.0.0.1:22 (publickey)',
    );
  });

  it('counts per node when the causes differ or some node was reached', () => {
    const other = { ...refused, message: 'connect ECONNREFUSED 10.0.0.2:22' };
    expect(summaryText(report([node(1, [refused]), node(2, [other])]))).toBe('Preflight failed: 2 node(s), 2 with failures; 0 checks passed, 2 failed, 0 warnings, 0 unknown');
    const reached = [{ check: 'reachable' as const, status: 'pass' as const, message: 'reached' }, { check: 'swap' as const, status: 'fail' as const, message: 'swap is on' }];
    expect(summaryText(report([node(1, [refused]), node(2, reached)]))).toBe('Preflight failed: 2 node(s), 2 with failures; 1 checks passed, 2 failed, 0 warnings, 0 unknown');
    expect(summaryText(report([node(1, [refused])]))).toBe('Preflight failed: 1 node(s), 1 with failures; 0 checks passed, 1 failed, 0 warnings, 0 unknown');
  });
});
