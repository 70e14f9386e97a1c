// SSH fan-out: our preflight (client/src/agent/preflight.ts, through the agent host) of 1, 10 and 50 nodes,
// each node a real OpenSSH sshd on its own loopback address (test/support/sshd.ts), against a sequential
// shell-style loop of OpenSSH `ssh -J agent node '<the same checks>'`. Cold connections every round.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { agentFromTarget } from '../client/src/agent/agentConfig';
import { HostKeyPolicy } from '../client/src/agent/hostKeys';
import { formatEntry } from '../client/src/agent/knownHosts';
import { nodeTargets } from '../client/src/agent/nodes';
import { ConnectionPool } from '../client/src/agent/pool';
import { runPreflight } from '../client/src/agent/preflight';
import { FACTS_SCRIPT } from '../client/src/agent/preflightChecks';
import { YamlFile } from '../server/src/engine/yamlFile';
import { clusterYaml, UBUNTU_2204 } from '../test/support/cluster';
import { addLoopbackAddresses, makeKeys, makeTempDir, procStat, removeDir, startSshd, type LoopbackBlock, type Sshd } from '../test/support/sshd';

export interface SshRow {
  nodes: number;
  /**
   * Our preflight at each parallelism; `ok`: every check passed on every node in every run. `nodeCpuMs`: CPU the
   * sshds (the nodes and the agent host) and their sessions used in each run; `clientCpuMs`: CPU this process used.
   */
  ours: { parallelism: number; ms: number[]; ok: boolean; nodeCpuMs: number[]; clientCpuMs: number[] }[];
  loopMs: number[];
  /** Every ssh of the loop exited 0 and printed every section. */
  loopOk: boolean;
}

/** Both sides straight to the nodes (true) or through the agent host (ssh -J / forwarded channels). */
const DIRECT = process.env.BENCH_SSH_VIA_AGENT !== '1';
/** The same facts our preflight gathers, plus the clock it reads with a second command. */
const LOOP_COMMAND = `${FACTS_SCRIPT}; echo @@clock; date +%s.%N`;
/**
 * Every simulated node logs in as this machine's root, so every session on every node would run the same
 * ~/.bashrc. On the development VM that runs `pyenv init`, whose `pyenv rehash` takes one global file lock: 50
 * "nodes" then queue on a lock no real fleet shares, and each session pays ~100 ms of CPU on the shared cores.
 * Each node (and the agent host) gets an empty ~/.bashrc in its own mount namespace; both sides run the same.
 */
const BASHRC = path.join(homedir(), '.bashrc');
const NO_LOGIN_SCRIPT: Record<string, string> = existsSync(BASHRC) ? { [BASHRC]: '' } : {};

export async function benchSsh(sizes: number[], rounds: number, parallelisms: number[], log: (line: string) => void): Promise<SshRow[]> {
  const dir = makeTempDir('bench-ssh');
  let lo: LoopbackBlock | undefined;
  const servers: Sshd[] = [];
  try {
    const keys = makeKeys(dir);
    lo = addLoopbackAddresses(Math.max(...sizes));
    const ips = lo.addresses;
    const agentHost = await startSshd({ dir: path.join(dir, 'agent'), listen: '127.0.0.1', hostname: 'agent-host', authorizedKeys: keys.authorizedKeys, overlay: NO_LOGIN_SCRIPT });
    servers.push(agentHost);
    for (const [i, ip] of ips.entries()) {
      servers.push(
        await startSshd({
          dir: path.join(dir, `node-${i + 1}`),
          listen: ip,
          hostname: `node-${i + 1}`,
          authorizedKeys: keys.authorizedKeys,
          overlay: { '/etc/os-release': UBUNTU_2204, ...NO_LOGIN_SCRIPT },
        }),
      );
    }
    const nodes = servers.slice(1);
    const knownHosts = path.join(dir, 'known_hosts');
    writeFileSync(knownHosts, servers.map((s) => formatEntry(s.host, s.port, s.hostKeyBlob)).join('\n') + '\n');
    // One config for the loop, so the -J hop uses the same key and host-key checks as the final hop.
    const sshConfig = path.join(dir, 'ssh_config');
    writeFileSync(
      sshConfig,
      ['Host *', `  IdentityFile ${keys.plain}`, '  IdentitiesOnly yes', '  IdentityAgent none', '  BatchMode yes', `  UserKnownHostsFile ${knownHosts}`, '  GlobalKnownHostsFile /dev/null', '  StrictHostKeyChecking yes', '  User root', '  ConnectTimeout 20', ''].join('\n'),
    );

    const ours = async (count: number, parallelism: number) => {
      const yaml = clusterYaml('bench', nodes.slice(0, count).map((s) => ({ hostname: s.hostname, privateIP: s.host, port: s.port })));
      const file = new YamlFile('file:///bench/cluster.yaml', yaml);
      const agent = agentFromTarget(`root@127.0.0.1:${agentHost.port}`, { auth: { identityFile: keys.plain, useAgent: false } });
      const t0 = performance.now();
      const cpu0 = { nodes: cpuMsOf(servers), client: process.cpuUsage() };
      const pool = new ConnectionPool({ agent, auth: {}, direct: DIRECT, hostKeys: new HostKeyPolicy({ trustStoreFile: knownHosts, userKnownHostsFiles: [] }) });
      let run: { ms: number; ok: boolean; problem?: string; clientCpuMs: number };
      try {
        const targets = nodeTargets(file.specs[0].value as Record<string, unknown>, undefined, agent);
        const report = await runPreflight({ pool, targets, parallelism, commandTimeoutMs: 60_000, maxClockSkewSeconds: 2 });
        const ok = report.ok && report.summary.warnings === 0 && report.summary.unknown === 0;
        const problem = report.nodes.flatMap((n) => n.results.filter((r) => r.status !== 'pass').map((r) => `${n.hostname}: ${r.check} ${r.status}: ${r.message}`));
        const client = process.cpuUsage(cpu0.client);
        run = { ms: performance.now() - t0, ok, clientCpuMs: (client.user + client.system) / 1000, problem: problem[0] && `${problem.length} checks did not pass, e.g. ${problem[0]}` };
      } finally {
        pool.closeAll();
      }
      // A connection's CPU reaches its sshd's account when the closed connection's process is reaped.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { ...run, nodeCpuMs: cpuMsOf(servers) - cpu0.nodes };
    };
    // One ssh after the other, awaited rather than spawnSync'd: a blocked event loop stops reading the sshds'
    // logs, and an sshd whose log pipe is full stalls its next connection (the agent host's did, from the 41st hop).
    const loop = async (count: number) => {
      const t0 = performance.now();
      let problem: string | undefined;
      for (const s of nodes.slice(0, count)) {
        const jump = DIRECT ? [] : ['-J', `root@127.0.0.1:${agentHost.port}`];
        const r = await execFileAsync('ssh', ['-F', sshConfig, ...jump, '-p', String(s.port), `root@${s.host}`, LOOP_COMMAND], {
          encoding: 'utf8',
          timeout: 60_000,
        }).then(
          ({ stdout }) => ({ status: 0, stdout, detail: '' }),
          (error: { code?: number; stdout?: string; stderr?: string; message: string }) => ({
            status: error.code,
            stdout: error.stdout ?? '',
            detail: error.stderr?.trim().slice(0, 120) || error.message,
          }),
        );
        const passed = r.status === 0 && r.stdout.includes('@@ports') && /@@clock\n\d+\.\d+/.test(r.stdout);
        if (!passed) problem ??= `ssh to ${s.host} failed (status ${r.status}, ${r.detail})`;
      }
      return { ms: performance.now() - t0, ok: problem === undefined, problem };
    };

    const rows: SshRow[] = [];
    for (const count of sizes) {
      const levels = [...new Set(parallelisms.map((p) => Math.min(p, count)))];
      log(`  preflight of ${count} node(s): ours at parallelism ${levels.join(', ')}, and the ssh loop`);
      const row: SshRow = {
        nodes: count,
        ours: levels.map((parallelism) => ({ parallelism, ms: [], ok: true, nodeCpuMs: [], clientCpuMs: [] })),
        loopMs: [],
        loopOk: true,
      };
      for (let round = 0; round < rounds; round++) {
        const runLoop = async () => {
          const r = await loop(count);
          log(`    ssh loop: ${Math.round(r.ms)} ms${r.problem ? ` (${r.problem})` : ''}`);
          row.loopMs.push(r.ms);
          row.loopOk &&= r.ok;
        };
        // Turns alternate so drift in machine load hits both sides.
        if (round % 2 === 0) await runLoop();
        for (const entry of row.ours) {
          const r = await ours(count, entry.parallelism);
          log(`    ours, parallelism ${entry.parallelism}: ${Math.round(r.ms)} ms, CPU nodes ${Math.round(r.nodeCpuMs)} ms + ours ${Math.round(r.clientCpuMs)} ms${r.problem ? ` (${r.problem})` : ''}`);
          entry.ms.push(r.ms);
          entry.nodeCpuMs.push(r.nodeCpuMs);
          entry.clientCpuMs.push(r.clientCpuMs);
          entry.ok &&= r.ok;
        }
        if (round % 2 === 1) await runLoop();
      }
      rows.push(row);
    }
    return rows;
  } finally {
    for (const s of servers) s.kill();
    lo?.remove();
    removeDir(dir);
  }
}

const execFileAsync = promisify(execFile);
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * CPU (ms) used so far by the sshd servers, their own and that of the connections and sessions they have reaped
 * (/proc/<pid>/stat utime, stime, cutime, cstime): what the "nodes" cost this machine.
 */
function cpuMsOf(servers: Sshd[]): number {
  let ticks = 0;
  for (const server of servers) {
    // a server that is gone adds nothing
    const fields = procStat(server.pid);
    if (fields) ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
