// What `plan` and `apply` share about the change plan: the flags that set rule levels and allow a blocked plan.
import { resolvePlanSettings, type PlanSettings } from '../../../client/src/sync/changePlan';
import type { FlagSpecs } from './args';
import { UsageError } from './command';

export const planRulesFlag = {
  'plan-rules': { type: 'string', valueName: 'ID=LEVEL,...', description: 'level of plan rules: blocked, warning or info (e.g. plan-pod-subnet=blocked)' },
} satisfies FlagSpecs;

export const allowBlockedFlag = {
  'allow-blocked': { type: 'boolean', description: 'apply a blocked plan (after confirmation) instead of stopping' },
} satisfies FlagSpecs;

/** `--plan-rules a=blocked,b=info` → settings; a bad id or level is a usage error, never silently ignored. */
export function planSettingsOf(value: string | undefined): PlanSettings {
  if (value === undefined) return { levels: {} };
  const entries: Record<string, string> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf('=');
    if (at <= 0) throw new UsageError(`--plan-rules: '${part}' is not ID=LEVEL`);
    entries[part.slice(0, at)] = part.slice(at + 1);
  }
  const { settings, problems } = resolvePlanSettings(entries);
  if (problems.length > 0) throw new UsageError(`--plan-rules: ${problems.join('; ')}`);
  return settings;
}
