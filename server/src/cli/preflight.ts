// `mks-gitops preflight FILE --agent USER@HOST[:PORT]`: the preflight checks on every node of the file's clusters.
import { DEFAULT_MAX_CLOCK_SKEW_SECONDS, preflightFindings, summaryText, type PreflightReport } from '../../../client/src/agent/preflight';
import { preflightCluster } from '../../../client/src/agent/preflightCluster';
import { isRecord } from '../engine/yamlFile';
import { parseArgs, type FlagSpecs } from './args';
import { connectionContext, connectionFlags, findingLine, readSpec } from './agentOptions';
import { ExitCode, UsageError, type Command } from './command';

const flags = {
  ...connectionFlags,
  direct: { type: 'boolean', description: 'connect to the nodes directly, not through the agent host' },
  'max-clock-skew': { type: 'string', valueName: 'SECONDS', description: `largest clock difference to the agent host (default ${DEFAULT_MAX_CLOCK_SKEW_SECONDS})` },
} satisfies FlagSpecs;

const MARK = { pass: '✓', fail: '✗', warn: '!', unknown: '?' } as const;

export const preflightCommand: Command = {
  name: 'preflight',
  summary: 'Check the nodes of a Cluster spec over SSH (hostname, arch, OS, privateIP, sudo, swap, clock, ports).',
  details: 'Nodes are reached through the agent host unless --direct. Exit status: 0 no check failed, 1 a check failed, 2 bad usage or unreadable input.',
  operands: 'FILE',
  flags,
  async run(argv, output) {
    const { flags: given, positionals } = parseArgs(argv, flags);
    const skew = given['max-clock-skew'] === undefined ? DEFAULT_MAX_CLOCK_SKEW_SECONDS : Number(given['max-clock-skew']);
    if (!Number.isFinite(skew) || skew < 0) throw new UsageError('--max-clock-skew must be a number of seconds');
    const context = connectionContext(given);
    const input = await readSpec(positionals);
    const reports: Array<{ cluster: string; report: PreflightReport; findings: ReturnType<typeof preflightFindings> }> = [];
    for (const document of input.file.documents.filter((d) => d.kind === 'Cluster' && isRecord(d.value))) {
      const spec = document.value as Record<string, unknown>;
      const report = await preflightCluster({
        agent: context.agent,
        connection: { auth: { askPassphrase: context.askPassphrase }, hostKeys: context.hostKeys, direct: given.direct },
        cluster: spec,
        workspace: [input.file, ...input.neighbours],
        maxClockSkewSeconds: skew,
      });
      const metadata = isRecord(spec.metadata) ? spec.metadata : {};
      reports.push({ cluster: String(metadata.name ?? '(unnamed)'), report, findings: preflightFindings(report, input.file, document) });
    }
    if (given.format === 'json') {
      output.out(JSON.stringify({ file: input.path, clusters: reports }, null, 2) + '\n');
    } else {
      for (const { cluster, report, findings } of reports) {
        output.out(`Cluster ${cluster}\n`);
        for (const node of report.nodes) {
          output.out(`  ${node.hostname ?? `node ${node.index}`} (${node.address ?? 'no address'})\n`);
          for (const r of node.results) output.out(`    ${MARK[r.status]} ${r.check}: ${r.message}\n`);
        }
        for (const f of findings) output.out(findingLine(input.path, f) + '\n');
        output.out(summaryText(report) + '\n');
      }
    }
    return reports.every((r) => r.report.ok) ? ExitCode.ok : ExitCode.findings;
  },
};
