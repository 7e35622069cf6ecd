import { getAtPointer, joinPointer, parsePointer, pointerToPath } from '../pointer';
import { didYouMean } from './did-you-mean';
import type { AjvError } from './validate';

/** A schema violation in plan terms, before it is given a file position. */
export interface SchemaIssue {
  messageId:
    | 'unknownKey'
    | 'missingKey'
    | 'wrongType'
    | 'notAllowed'
    | 'wrongValue'
    | 'badFormat'
    | 'tooSmall'
    | 'tooLarge'
    | 'tooFew'
    | 'tooMany'
    | 'duplicateItem'
    | 'invalid';
  data: Record<string, string>;
  /** The node the issue is about (for a missing key: the mapping that lacks it). */
  pointer: string;
  /** Which part of the node to point at. */
  target: 'key' | 'value';
  hint?: string;
}

type JsonSchema = Record<string, unknown>;
type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: '`true` or `false`',
  array: 'a list',
  object: 'a mapping (`key: value` lines)',
  null: 'empty',
};

function jsonType(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** A short rendering of a value as the user wrote it: `"text"`, `3`, `true`, `a list`. */
export function describeValue(value: unknown): string {
  switch (jsonType(value)) {
    case 'null':
      return 'empty';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    case 'string': {
      const s = String(value);
      return JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);
    }
    default:
      return String(value);
  }
}

/** Like describeValue, naming the type too, for type mismatches: `text ("3")`, `the number 3`. */
function describeTyped(value: unknown): string {
  switch (jsonType(value)) {
    case 'string':
      return `text (${describeValue(value)})`;
    case 'integer':
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return `\`${String(value)}\``;
    default:
      return describeValue(value);
  }
}

const code = (values: readonly unknown[]) => values.map((v) => `\`${String(v)}\``);

/** "`a`, `b` or `c`" */
export function listOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Resolves an ajv schemaPath (`#/$defs/x/properties/y/pattern`) against the root schema. */
function schemaAt(root: JsonSchema, schemaPath: string): unknown {
  let node: unknown = root;
  for (const raw of schemaPath.replace(/^#/, '').split('/').slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}

function deref(root: JsonSchema, node: unknown): JsonSchema | undefined {
  let n = node as JsonSchema | undefined;
  for (let i = 0; n && typeof n.$ref === 'string' && i < 10; i++) n = schemaAt(root, n.$ref) as JsonSchema | undefined;
  return n;
}

/** JSON types a (sub)schema accepts, or undefined when it does not say. */
function acceptedTypes(root: JsonSchema, node: unknown): Set<JsonType> | undefined {
  const s = deref(root, node);
  if (!s) return undefined;
  if (typeof s.type === 'string') return new Set([s.type as JsonType]);
  if (Array.isArray(s.type)) return new Set(s.type as JsonType[]);
  const values = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
  if (values) return new Set(values.map(jsonType));
  return undefined;
}

function accepts(types: Set<JsonType> | undefined, actual: JsonType): boolean {
  return !types || types.has(actual) || (actual === 'integer' && types.has('number'));
}

/** What a subschema expects, in words. */
function expectation(root: JsonSchema, node: unknown): string {
  const s = deref(root, node);
  if (!s) return 'something else';
  if (typeof s['x-expected'] === 'string') return s['x-expected'];
  if (Array.isArray(s.enum)) return `one of ${listOr(code(s.enum))}`;
  if ('const' in s) return `\`${String(s.const)}\``;
  const types = acceptedTypes(root, s);
  if (types) return listOr([...types].map((t) => TYPE_WORDS[t] ?? t));
  return 'something else';
}

function where(pointer: string): string {
  return pointer === '' ? 'the top level' : `\`${pointerToPath(pointer)}\``;
}

function pathOf(pointer: string): string {
  return pointer === '' ? 'The document' : `\`${pointerToPath(pointer)}\``;
}

/**
 * Unions (`anyOf`/`oneOf`) make ajv report every branch's complaints. Keep the complaints of the
 * branch whose type matches the value; if no branch takes the value's type, say once what was
 * expected. (A branch's own complaints sit at the union's path; deeper ones belong to the branch
 * that takes containers.)
 */
function resolveUnions(
  errors: AjvError[],
  data: unknown,
  root: JsonSchema,
): { kept: AjvError[]; issues: SchemaIssue[] } {
  let kept = [...errors];
  const issues: SchemaIssue[] = [];
  const unions = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  for (const union of unions) {
    if (!kept.includes(union)) continue;
    const branches = ((union.parentSchema?.[union.keyword] as unknown[]) ?? []).map((b) => ({
      raw: b,
      schema: deref(root, b),
    }));
    const value = getAtPointer(data, union.instancePath);
    const actual = jsonType(value);
    const matching = branches.filter((b) => accepts(acceptedTypes(root, b.schema), actual));
    const isShallow = (e: AjvError) =>
      e !== union && e.instancePath === union.instancePath && ['type', 'enum', 'const'].includes(e.keyword);
    const isDeeper = (e: AjvError) => e.instancePath.startsWith(union.instancePath + '/');
    const fromBranch = (e: AjvError, b: (typeof branches)[number]) =>
      e.parentSchema === b.raw || e.parentSchema === b.schema;
    if (matching.length) {
      kept = kept.filter((e) => e !== union && (!isShallow(e) || matching.some((b) => fromBranch(e, b))));
      if (actual !== 'object' && actual !== 'array') kept = kept.filter((e) => !isDeeper(e));
    } else {
      kept = kept.filter((e) => e !== union && !isShallow(e) && !isDeeper(e));
      const expected = [...new Set(branches.map((b) => expectation(root, b.schema)))];
      issues.push({
        messageId: 'wrongType',
        pointer: union.instancePath,
        target: 'value',
        data: { path: pathOf(union.instancePath), expected: listOr(expected), actual: describeTyped(value) },
      });
    }
  }
  return { kept, issues };
}

/** What explaining one ajv error needs. */
interface ErrorContext {
  e: AjvError;
  value: unknown;
  root: JsonSchema;
  path: string;
  base: { pointer: string; target: 'value' };
}

function unknownKey({ e }: ErrorContext): SchemaIssue {
  const key = String(e.params.additionalProperty);
  const allowed = Object.keys((e.parentSchema?.properties as JsonSchema | undefined) ?? {});
  const guess = didYouMean(key, allowed);
  const hint = guess
    ? `Did you mean \`${guess}\`?`
    : allowed.length
      ? `Allowed keys here: ${code(allowed).join(', ')}.`
      : undefined;
  const pointer = joinPointer([...parsePointer(e.instancePath), key]);
  return { messageId: 'unknownKey', pointer, target: 'key', data: { key, where: where(e.instancePath) }, hint };
}

function notAllowed({ e, value, path, base }: ErrorContext): SchemaIssue {
  const allowed = (e.params.allowedValues as unknown[]) ?? [];
  const guess =
    typeof value === 'string'
      ? didYouMean(
          value,
          allowed.filter((v): v is string => typeof v === 'string'),
        )
      : undefined;
  const data = { path, actual: describeValue(value), allowed: listOr(code(allowed)) };
  return { ...base, messageId: 'notAllowed', data, hint: guess ? `Did you mean \`${guess}\`?` : undefined };
}

function badFormat({ e, value, root, path, base }: ErrorContext): SchemaIssue {
  const propertyName = (e as { propertyName?: string }).propertyName;
  const expected = expectation(root, e.parentSchema);
  if (propertyName === undefined)
    return { ...base, messageId: 'badFormat', data: { path, expected, actual: describeValue(value) } };
  const pointer = joinPointer([...parsePointer(e.instancePath), propertyName]);
  const data = { path: `The key \`${propertyName}\``, expected, actual: describeValue(propertyName) };
  return { messageId: 'badFormat', pointer, target: 'key', data };
}

function limit({ e, value, path, base }: ErrorContext): SchemaIssue {
  const small = e.keyword === 'minimum' || e.keyword === 'exclusiveMinimum';
  const exclusive =
    e.keyword === 'exclusiveMinimum' ? 'more than ' : e.keyword === 'exclusiveMaximum' ? 'less than ' : '';
  const data = { path, actual: describeValue(value), limit: `${exclusive}${String(e.params.limit)}` };
  return { ...base, messageId: small ? 'tooSmall' : 'tooLarge', data };
}

function count({ e, path, base }: ErrorContext): SchemaIssue {
  const unit = /Length$/.test(e.keyword) ? 'character' : /Items$/.test(e.keyword) ? 'item' : 'key';
  return {
    ...base,
    messageId: e.keyword.startsWith('min') ? 'tooFew' : 'tooMany',
    data: { path, limit: String(e.params.limit), unit },
  };
}

function duplicateItem({ e, value, path, base }: ErrorContext): SchemaIssue {
  const first = Number(e.params.j);
  const second = Number(e.params.i);
  const items = Array.isArray(value) ? value : [];
  const data = { path, actual: describeValue(items[second]), first: String(first), second: String(second) };
  return { ...base, pointer: joinPointer([...parsePointer(e.instancePath), second]), messageId: 'duplicateItem', data };
}

/** How each ajv keyword reads as a sentence. */
const EXPLAIN: ReadonlyMap<string, (c: ErrorContext) => SchemaIssue> = new Map([
  ['additionalProperties', unknownKey],
  [
    'required',
    ({ e }: ErrorContext): SchemaIssue => {
      const key = String(e.params.missingProperty);
      return {
        messageId: 'missingKey',
        pointer: e.instancePath,
        target: 'key',
        data: { key, where: where(e.instancePath) },
      };
    },
  ],
  [
    'type',
    ({ e, value, root, path, base }: ErrorContext): SchemaIssue => {
      return {
        ...base,
        messageId: 'wrongType',
        data: { path, expected: expectation(root, e.parentSchema), actual: describeTyped(value) },
      };
    },
  ],
  ['enum', notAllowed],
  [
    'const',
    ({ e, value, root, path, base }: ErrorContext): SchemaIssue => {
      return {
        ...base,
        messageId: 'wrongValue',
        data: { path, expected: expectation(root, e.parentSchema), actual: describeValue(value) },
      };
    },
  ],
  ['pattern', badFormat],
  ['format', badFormat],
  ...['minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum'].map((k) => [k, limit] as const),
  ...['minItems', 'minLength', 'minProperties', 'maxItems', 'maxLength', 'maxProperties'].map(
    (k) => [k, count] as const,
  ),
  ['uniqueItems', duplicateItem],
]);

/**
 * Turns ajv errors into issues a person reads: the path in plan terms, what was expected, what
 * was found, and a hint for a misspelt key or value. At most one issue per pointer and cause.
 */
export function explainSchemaErrors(errors: readonly AjvError[], data: unknown, root: JsonSchema): SchemaIssue[] {
  const relevant = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  const { kept, issues } = resolveUnions(relevant, data, root);
  for (const e of kept) {
    const context: ErrorContext = {
      e,
      value: getAtPointer(data, e.instancePath),
      root,
      path: pathOf(e.instancePath),
      base: { pointer: e.instancePath, target: 'value' },
    };
    const explain = EXPLAIN.get(e.keyword);
    issues.push(
      explain
        ? explain(context)
        : { ...context.base, messageId: 'invalid', data: { path: context.path, reason: e.message ?? e.keyword } },
    );
  }
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const id = `${issue.pointer}\u0000${issue.messageId}\u0000${issue.data.key ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
