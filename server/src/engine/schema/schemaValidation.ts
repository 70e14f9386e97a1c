// JSON Schema check of one MKS document (ajv, compiled once), each error mapped to its YAML node and told
// in plain words, with a ranked did-you-mean fix for misspelled keys and enum values.
import type { ErrorObject } from 'ajv';
import { isMap, isScalar, type Node } from 'yaml';
import { bestMatch } from '../didYouMean';
import type { Finding, Fix, Severity } from '../findings';
import { legacyFor, legacyKeyAt, legacyRoles } from '../legacyNameTable';
import { isRecord, locate, type Path, type PathSegment, type YamlDocument, type YamlFile } from '../yamlFile';
import { moveEntry } from '../support/moveKey';
import { formatWords } from './formats';
import { keyHome } from './keyHomes';
import { validatorFor } from './validators';

export const SCHEMA_CODES = {
  unknownKey: 'schema/unknown-key',
  misplacedKey: 'schema/misplaced-key',
  required: 'schema/required',
  type: 'schema/type',
  enum: 'schema/enum',
  const: 'schema/const',
  pattern: 'schema/pattern',
  format: 'schema/format',
  length: 'schema/length',
  range: 'schema/range',
  minItems: 'schema/min-items',
  unique: 'schema/unique',
} as const;

type SchemaObject = Record<string, unknown>;

interface Context {
  file: YamlFile;
  document: YamlDocument;
}

/** An ajv error with what every mapper needs: the YAML path of the offending node. */
interface Located {
  error: ErrorObject;
  path: Path;
  data: unknown;
  schema: SchemaObject;
}

export function validateAgainstSchema(file: YamlFile, document: YamlDocument): Finding[] {
  if (!document.kind || !isRecord(document.value)) return [];
  const validate = validatorFor(document.kind);
  if (validate(document.value)) return [];
  const context: Context = { file, document };
  const errors = reportable(validate.errors ?? []).map((error) => locateError(error, document.value));
  // A misspelled key also leaves its correct key missing: the unknown-key finding already says both.
  const suggested = new Set<string>();
  const findings: Finding[] = [];
  for (const e of errors.filter((e) => e.error.keyword === 'additionalProperties')) {
    const finding = unknownKey(e, context, suggested);
    if (finding) findings.push(finding);
  }
  for (const e of errors.filter((e) => e.error.keyword !== 'additionalProperties')) {
    if (e.error.keyword === 'required' && suggested.has(`${e.error.instancePath}/${String(e.error.params.missingProperty)}`)) continue;
    const finding = toFinding(e, context);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** Checks of a single value, most telling first: one complaint per value is enough. */
const valueKeywords = ['type', 'const', 'enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum'];

/**
 * Drops ajv's noise: every value complaint after the most telling one for the same node (a number where a
 * string is expected needs no pattern error besides). The schemas avoid `anyOf`/`oneOf`/`if` on purpose
 * (type lists and `examples` instead), so ajv has no branch cascades to report.
 */
function reportable(errors: ErrorObject[]): ErrorObject[] {
  const bestValueError = new Map<string, ErrorObject>();
  for (const error of errors) {
    const rank = valueKeywords.indexOf(error.keyword);
    if (rank < 0) continue;
    const current = bestValueError.get(error.instancePath);
    if (!current || rank < valueKeywords.indexOf(current.keyword)) bestValueError.set(error.instancePath, error);
  }
  return errors.filter((error) => !valueKeywords.includes(error.keyword) || bestValueError.get(error.instancePath) === error);
}

/** Turns the JSON pointer of an error into a YAML path (array indexes as numbers), walking the data once. */
function locateError(error: ErrorObject, root: unknown): Located {
  const path: PathSegment[] = [];
  let value = root;
  if (error.instancePath !== '') {
    for (const raw of error.instancePath.slice(1).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(value)) {
        path.push(Number(key));
        value = value[Number(key)];
      } else {
        path.push(key);
        value = isRecord(value) ? value[key] : undefined;
      }
    }
  }
  return { error, path, data: error.data, schema: (error.parentSchema ?? {}) as SchemaObject };
}

function unknownKey(e: Located, context: Context, suggested: Set<string>): Finding | undefined {
  const key = String(e.error.params.additionalProperty);
  if (legacyKeyAt(e.path, key)) return undefined; // the legacy-names rule reports it, with its fix
  const misplaced = misplacedKey(e, key, context);
  if (misplaced) return misplaced;
  const present = isRecord(e.data) ? e.data : {};
  const properties = isRecord(e.schema.properties) ? Object.keys(e.schema.properties) : [];
  const unused = properties.filter((p) => !Object.hasOwn(present, p));
  const suggestion = bestMatch(key, unused);
  const { node: keyNode, range } = nodeAt(context, [...e.path, key], 'key');
  let message = `Unknown key \`${key}\` in ${where(e.path, context.document)}.`;
  if (suggestion) {
    suggested.add(`${e.error.instancePath}/${suggestion}`);
    message += ` Did you mean \`${suggestion}\`?`;
  } else if (unused.length > 0 && unused.length <= 8) {
    message += ` Expected one of: ${unused.join(', ')}.`;
  }
  const fixes = suggestion ? [replaceFix(`Rename to \`${suggestion}\``, range, keyNode, suggestion)] : [];
  return finding(SCHEMA_CODES.unknownKey, 'error', message, range, fixes);
}

/** A key the schema declares one level up or down (keyHomes.ts): says where it belongs, with a fix that moves it there. */
function misplacedKey(e: Located, key: string, context: Context): Finding | undefined {
  const { document, file } = context;
  if (!document.kind) return undefined;
  const home = keyHome(document.kind, e.path, key);
  if (!home) return undefined;
  const { range } = nodeAt(context, [...e.path, key], 'key');
  const target = home.path.length === 0 ? `the top level of the ${document.kind} spec` : `\`${dotted(home.path)}\``;
  const targetValue = home.path.reduce<unknown>((v, s) => (isRecord(v) ? v[s] : Array.isArray(v) ? v[Number(s)] : undefined), document.value);
  const taken = isRecord(targetValue) && Object.hasOwn(targetValue, key);
  let message = `\`${key}\` belongs in ${target}, not in ${where(e.path, document)}: here it is not read.`;
  if (taken) message += ` ${target} already has a \`${key}\`: merge the two and remove this one.`;
  const edits = taken ? undefined : moveEntry(file, document, [...e.path, key], home.path, home.direction);
  const title = home.path.length === 0 ? 'Move to the top level' : `Move to \`${dotted(home.path)}\``;
  return finding(SCHEMA_CODES.misplacedKey, 'error', message, range, edits ? [{ title, edits, preferred: true }] : []);
}

function toFinding(e: Located, context: Context): Finding | undefined {
  const { error, path, data, schema } = e;
  const label = fieldLabel(path);
  // `x-severity: warning` marks checks the reference only infers (name pattern, installerTtl ≥ 1, platformVersion form).
  const severity: Severity = schema['x-severity'] === 'warning' ? 'warning' : 'error';
  const value = () => nodeAt(context, path, 'value');
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      const legacy = legacyFor(path, missing);
      if (legacy && isRecord(data) && Object.hasOwn(data, legacy.legacy)) return undefined; // reported once, by the legacy-names rule
      const message = `Missing required key \`${missing}\` in ${where(path, context.document)}.`;
      return finding(SCHEMA_CODES.required, severity, message, requiredRange(path, context));
    }
    case 'type':
      if (isLegacyBlueprint(path, data)) return undefined; // the legacy-names rule reports `blueprint: default`
      return wrongType(e, label, value(), context);
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]) ?? [];
      if (typeof data === 'string' && path[path.length - 2] === 'roles' && data in legacyRoles) return undefined;
      const suggestion = typeof data === 'string' ? bestMatch(data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      let message = `${label} must be one of ${allowed.map(showAllowed).join(', ')}; got ${show(data)}.`;
      if (suggestion !== undefined) message += ` Did you mean \`${suggestion}\`?`;
      const { node, range } = value();
      const fixes = suggestion !== undefined ? [replaceFix(`Change to \`${suggestion}\``, range, node, suggestion)] : [];
      return finding(SCHEMA_CODES.enum, severity, message, range, fixes);
    }
    case 'const': {
      const expected = String(error.params.allowedValue);
      const { node, range } = value();
      const message = `${label} must be \`${expected}\`; got ${show(data)}.`;
      return finding(SCHEMA_CODES.const, severity, message, range, [replaceFix(`Change to \`${expected}\``, range, node, expected)]);
    }
    case 'pattern': {
      const wanted = typeof schema.patternErrorMessage === 'string' ? schema.patternErrorMessage : `text matching ${String(error.params.pattern)}`;
      return finding(SCHEMA_CODES.pattern, severity, `${label} must be ${wanted}; got ${show(data)}.`, value().range);
    }
    case 'format': {
      const format = String(error.params.format);
      return finding(SCHEMA_CODES.format, severity, `${label} must be ${formatWords[format] ?? `in ${format} format`}; got ${show(data)}.`, value().range);
    }
    case 'minLength':
    case 'maxLength': {
      const limit = Number(error.params.limit);
      const message =
        error.keyword === 'minLength' && limit === 1
          ? `${label} must not be empty.`
          : `${label} must be ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${limit} characters long; it has ${String(data).length}.`;
      return finding(SCHEMA_CODES.length, severity, message, value().range);
    }
    case 'minimum':
    case 'maximum': {
      const bound = error.keyword === 'minimum' ? 'at least' : 'at most';
      return finding(SCHEMA_CODES.range, severity, `${label} must be ${bound} ${String(error.params.limit)}; got ${show(data)}.`, value().range);
    }
    case 'minItems': {
      const limit = Number(error.params.limit);
      return finding(SCHEMA_CODES.minItems, severity, `${label} needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}.`, value().range);
    }
    case 'uniqueItems': {
      const later = Math.max(Number(error.params.i), Number(error.params.j));
      const item = Array.isArray(data) ? data[later] : undefined;
      const message = `${label} lists ${show(item)} more than once.`;
      return finding(SCHEMA_CODES.unique, severity, message, nodeAt(context, [...path, later], 'value').range);
    }
    default:
      return finding(`schema/${error.keyword}`, severity, `${label} ${error.message ?? 'is not valid'}.`, value().range);
  }
}

function isLegacyBlueprint(path: Path, data: unknown): boolean {
  return typeof data === 'string' && path.length === 2 && path[0] === 'spec' && path[1] === 'blueprint';
}

const typeWords: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map of keys',
  array: 'a list',
  null: 'empty',
};

function wrongType(e: Located, label: string, { node, range }: At, context: Context): Finding {
  const expected = String(e.error.params.type).split(',');
  let message = `${label} must be ${expected.map((t) => typeWords[t] ?? t).join(' or ')}; got ${show(e.data)}.`;
  const fixes: Fix[] = [];
  const source = isScalar(node) && node.range ? context.file.text.slice(node.range[0], node.range[1]) : undefined;
  if (expected.includes('string') && (typeof e.data === 'number' || typeof e.data === 'boolean') && source !== undefined) {
    // YAML reads 3, 1.10 or true as numbers and booleans; the API wants the text, so quote what was written.
    message += ' Quote it.';
    fixes.push({ title: `Quote as \`${JSON.stringify(source)}\``, edits: [{ range, newText: JSON.stringify(source) }], preferred: true });
  }
  const required = Array.isArray(e.schema.required) ? e.schema.required : [];
  if (expected.includes('object') && typeof e.data === 'string' && required.length === 1 && source !== undefined) {
    // A bare name where a map with one required key is expected (`cni: Calico`) means `{name: Calico}`.
    const newText = `{ ${String(required[0])}: ${source} }`;
    fixes.push({ title: `Change to \`${newText}\``, edits: [{ range, newText }], preferred: true });
  }
  return finding(SCHEMA_CODES.type, 'error', message, range, fixes);
}

interface At {
  node: Node | undefined;
  range: Finding['range'];
}

/** The key or value node at a path and its range, from one walk (ajv only reports on data that is there). */
function nodeAt(context: Context, path: Path, target: 'key' | 'value'): At {
  const found = locate(context.document.doc, path);
  const node = target === 'key' ? (found.pair?.key as Node | undefined) : found.node;
  const range = found.missing === 0 ? context.file.rangeOf(node) : undefined;
  if (range && isEmpty(range)) {
    // An empty value (`arch:` or a bare `-`) has no text: show the key, or the list item's line.
    return { node, range: context.file.rangeOf(found.pair?.key as Node | undefined) ?? lineContent(context.file, range.start.line) };
  }
  return { node, range: range ?? context.file.rangeAt(context.document, path, target) };
}

const isEmpty = (range: Finding['range']) => range.start.line === range.end.line && range.start.character === range.end.character;

function lineContent(file: YamlFile, line: number): Finding['range'] {
  const starts = file.lineCounter.lineStarts;
  const text = file.text.slice(starts[line], starts[line + 1] ?? file.text.length).replace(/\r?\n$/, '');
  const indent = text.length - text.trimStart().length;
  return { start: { line, character: indent }, end: { line, character: text.trimEnd().length } };
}

/** A missing key is shown on the key of the map that lacks it (or on a list item's first key, or on `kind`). */
function requiredRange(path: Path, context: Context): Finding['range'] {
  const { file, document } = context;
  if (path.length === 0) return file.rangeAt(document, ['kind'], 'key');
  if (typeof path[path.length - 1] === 'number') {
    const item = locate(document.doc, path).node;
    const firstKey = isMap(item) ? (item.items[0]?.key as Node | undefined) : undefined;
    const range = file.rangeOf(firstKey) ?? file.rangeOf(item);
    if (range) return range;
  }
  return file.rangeAt(document, path, 'key');
}

/** Where a map sits, in words: "node 3 (`wk-1`)", "taint 1 of node 3 (`wk-1`)", "`spec.config.network`". */
function where(path: Path, document: YamlDocument): string {
  if (path.length === 0) return `the ${document.kind} spec`;
  if (path[0] === 'spec' && path[1] === 'config' && path[2] === 'nodes' && typeof path[3] === 'number') {
    const node = nodeName(path[3], document.value);
    return path.length === 4 ? node : `${describe(path.slice(4))} of ${node}`;
  }
  return describe(path);
}

const singular: Record<string, string> = { nodes: 'node', taints: 'taint', tolerations: 'toleration', projects: 'project', agents: 'agent' };

function describe(path: Path): string {
  const last = path[path.length - 1];
  if (typeof last !== 'number') return `\`${dotted(path)}\``;
  const list = String(path[path.length - 2]);
  const noun = singular[list];
  if (!noun) return `entry ${last + 1} of \`${dotted(path.slice(0, -1))}\``;
  const owner = path.slice(0, -2);
  return owner.length > 0 ? `${noun} ${last + 1} in \`${dotted(owner)}\`` : `${noun} ${last + 1}`;
}

function dotted(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function nodeName(index: number, spec: unknown): string {
  const nodes = isRecord(spec) && isRecord(spec.spec) && isRecord(spec.spec.config) ? spec.spec.config.nodes : undefined;
  const node = Array.isArray(nodes) ? nodes[index] : undefined;
  const hostname = isRecord(node) && typeof node.hostname === 'string' && node.hostname ? ` (\`${node.hostname}\`)` : '';
  return `node ${index + 1}${hostname}`;
}

/** The field's name as the message starts it: "`arch`", or "Entry 2 of `roles`" for a list item. */
function fieldLabel(path: Path): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return `Entry ${last + 1} of \`${String(path[path.length - 2])}\``;
  return last === undefined ? 'The document' : `\`${last}\``;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `\`${excerpt(value)}\``;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  return Array.isArray(value) ? 'a list' : 'a map';
}

/** A value as quoted in a message: one line, and short (a misplaced key or certificate must not flood it). */
function excerpt(text: string): string {
  const line = text.split(/\r?\n/)[0];
  return line.length > 60 || line !== text ? `${line.slice(0, 60)}…` : line;
}

function showAllowed(value: unknown): string {
  return value === '' ? '"" (empty)' : String(value);
}

function finding(code: string, severity: Severity, message: string, range: Finding['range'], fixes: Fix[] = []): Finding {
  return { code, severity, message, range, ...(fixes.length > 0 ? { fixes } : {}) };
}

/** A fix that replaces a key or value with `text`, keeping the node's quoting style. */
function replaceFix(title: string, range: Finding['range'], node: Node | undefined, text: string): Fix {
  return { title, edits: [{ range, newText: quoteLike(node, text) }], preferred: true };
}

function quoteLike(node: Node | undefined, text: string): string {
  const style = isScalar(node) ? node.type : undefined;
  if (style === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE' || !isPlainSafe(text)) return JSON.stringify(text);
  return text;
}

function isPlainSafe(text: string): boolean {
  return /^[A-Za-z_][\w.\-/]*$/.test(text) && !/^(true|false|null|yes|no|on|off)$/i.test(text);
}
