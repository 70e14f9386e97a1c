// Reads the `--config FILE` of the CLI: a JSON object in the EngineSettings shape (the same settings the
// editor has). Unlike the editor, which quietly falls back on bad values, a CI run must not silently
// ignore a typo, so anything the engine would drop is an input error here.
import { readFile } from 'node:fs/promises';
import { defaultSettings, resolveSettings, type EngineSettings } from '../engine/settings';
import { suggestion } from './args';
import { InputError } from './command';
import { findingCodes } from './findingCodes';

const KNOWN = Object.keys(defaultSettings) as (keyof EngineSettings)[];

export async function loadSettings(file: string): Promise<EngineSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read config ${file}: ${(error as Error).message}`);
  }
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch (error) {
    throw new InputError(`config ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new InputError(`config ${file} must be a JSON object with ${KNOWN.join(', ')}`);
  }
  const settings = resolveSettings(given);
  const problems = Object.entries(given).flatMap(([key, value]) => problemsWith(key, value, settings));
  if (problems.length > 0) throw new InputError(`config ${file}: ${problems.join('; ')}`);
  return settings;
}

/** What resolveSettings dropped or replaced from one top-level entry. */
function problemsWith(key: string, value: unknown, settings: EngineSettings): string[] {
  if (!(KNOWN as string[]).includes(key)) return [`unknown setting '${key}'${suggestion(key, KNOWN)} (known: ${KNOWN.join(', ')})`];
  const name = key as keyof EngineSettings;
  if (name !== 'severity') {
    return JSON.stringify(settings[name]) === JSON.stringify(value) ? [] : [`'${name}' must be a list of strings`];
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`'severity' must be an object of rule id → level`];
  const ids = findingCodes.map((c) => c.id);
  return Object.entries(value).flatMap(([id, level]) => {
    // A misspelled id would leave the rule it meant untouched: in CI that must not go unnoticed.
    if (!ids.includes(id)) return [`severity for unknown rule '${id}'${suggestion(id, ids)}`];
    if (!(id in settings.severity)) return [`severity of '${id}' must be off, hint, info, warning or error (got ${JSON.stringify(level)})`];
    return [];
  });
}
