// A small YAML tree that keeps what a plain JS value cannot (duplicate keys, anchors, aliases,
// scalar styles), an emitter for it, and the structure-aware mutations the plan and config
// fuzzers apply: one mutation per case, to a valid document.
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { FUZZING } from './harness';

export type Scalar = string | number | boolean | null;
/** How a string scalar is written: escaped (`double`) or with its characters as they are. */
export type ScalarStyle = 'double' | 'single' | 'plain' | 'literal';
export type KeyStyle = 'auto' | 'double' | 'raw';

export type YNode =
  | { t: 'map'; entries: YEntry[]; anchor?: string; flow?: boolean }
  | { t: 'seq'; items: YNode[]; anchor?: string; flow?: boolean }
  | { t: 'scalar'; v: Scalar; style?: ScalarStyle; anchor?: string }
  | { t: 'alias'; name: string };

export interface YEntry {
  key: string;
  keyStyle?: KeyStyle;
  value: YNode;
}

/** A document to mutate: its text as written and its tree. */
export interface BaseDoc {
  name: string;
  text: string;
  tree: YNode;
}

export function fromValue(value: unknown): YNode {
  if (Array.isArray(value)) return { t: 'seq', items: value.map(fromValue) };
  if (value && typeof value === 'object')
    return { t: 'map', entries: Object.entries(value).map(([key, v]) => ({ key, value: fromValue(v) })) };
  if (value === undefined) return { t: 'scalar', v: null };
  return { t: 'scalar', v: value as Scalar };
}

export function baseDoc(name: string, text: string): BaseDoc {
  return { name, text, tree: fromValue(load(text, { schema: CORE_SCHEMA })) };
}

// ---------------------------------------------------------------------------------------------
// Emitter

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$/.-]*$/;

function emitKey(entry: YEntry): string {
  const style = entry.keyStyle ?? 'auto';
  if (style === 'raw') return entry.key;
  if (style === 'auto' && PLAIN_KEY.test(entry.key)) return entry.key;
  return JSON.stringify(entry.key);
}

function emitNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Object.is(n, -0)) return '-0.0';
  return String(n);
}

/** A scalar on one line; `literal` strings are handled by the block emitter. */
function inlineScalar(v: Scalar, style: ScalarStyle | undefined, flow: boolean): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return emitNumber(v);
  switch (style) {
    case 'single':
      return `'${v.replace(/'/g, "''")}'`;
    case 'plain':
      return flow ? JSON.stringify(v) : v;
    default:
      return JSON.stringify(v);
  }
}

const anchorPrefix = (node: YNode) => ('anchor' in node && node.anchor ? `&${node.anchor} ` : '');

/** A node in flow style (`[a, {k: v}]`), on one line. */
function emitFlow(node: YNode): string {
  switch (node.t) {
    case 'alias':
      return `*${node.name}`;
    case 'scalar':
      return anchorPrefix(node) + inlineScalar(node.v, node.style, true);
    case 'seq':
      return `${anchorPrefix(node)}[${node.items.map(emitFlow).join(', ')}]`;
    case 'map':
      return `${anchorPrefix(node)}{${node.entries
        .map((e) => `${e.keyStyle === 'raw' ? e.key : JSON.stringify(e.key)}: ${emitFlow(e.value)}`)
        .join(', ')}}`;
  }
}

const isBlockCollection = (node: YNode) =>
  (node.t === 'map' && !node.flow && node.entries.length > 0) ||
  (node.t === 'seq' && !node.flow && node.items.length > 0);

/** Appends without spreading (a literal block of a long string has too many lines to spread). */
function append(lines: string[], more: readonly string[]): string[] {
  for (const line of more) lines.push(line);
  return lines;
}

/** Lines of a block collection at `indent` spaces. */
function emitBlock(node: YNode, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (node.t === 'map' && isBlockCollection(node)) {
    const lines: string[] = [];
    for (const entry of node.entries) append(lines, emitValue(`${pad}${emitKey(entry)}:`, entry.value, indent));
    return lines;
  }
  if (node.t === 'seq' && isBlockCollection(node)) {
    const lines: string[] = [];
    for (const item of node.items) append(lines, emitValue(`${pad}-`, item, indent));
    return lines;
  }
  return [pad + emitFlow(node)];
}

/** `head` (`key:` or `-`) followed by the value: inline, a literal block, or a nested block. */
function emitValue(head: string, value: YNode, indent: number): string[] {
  if (isBlockCollection(value)) {
    const anchor = 'anchor' in value && value.anchor ? ` &${value.anchor}` : '';
    return append([head + anchor], emitBlock(value, indent + 2));
  }
  if (value.t === 'scalar' && value.style === 'literal' && typeof value.v === 'string') {
    const body = value.v.split('\n').map((l) => ' '.repeat(indent + 2) + l);
    return append([`${head} ${anchorPrefix(value)}|-`], body);
  }
  return [`${head} ${emitFlow(value)}`];
}

export function emit(node: YNode): string {
  if (!isBlockCollection(node)) return emitFlow(node) + '\n';
  const anchor = 'anchor' in node && node.anchor ? [`&${node.anchor}`] : [];
  return append(anchor, emitBlock(node, 0)).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Walking

interface Slot {
  /** RFC 6901-ish pointer, for reports. */
  pointer: string;
  get: () => YNode;
  set: (node: YNode) => void;
  /** Removes the node from its parent (undefined for the root). */
  remove?: () => void;
  /** Duplicates the entry or item, with `replacement` as the copy's value when given. */
  duplicate?: (replacement?: YNode) => void;
}

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every node of the tree in document order, with a handle to replace it. */
export function slots(root: { node: YNode }): Slot[] {
  const out: Slot[] = [];
  const visit = (slot: Slot) => {
    out.push(slot);
    const node = slot.get();
    if (node.t === 'map') {
      node.entries.forEach((entry) => {
        visit({
          pointer: `${slot.pointer}/${esc(entry.key)}`,
          get: () => entry.value,
          set: (n) => (entry.value = n),
          remove: () => node.entries.splice(node.entries.indexOf(entry), 1),
          duplicate: (replacement) =>
            node.entries.splice(node.entries.indexOf(entry) + 1, 0, {
              ...entry,
              value: replacement ?? structuredClone(entry.value),
            }),
        });
      });
    } else if (node.t === 'seq') {
      node.items.forEach((item, i) => {
        let current = item;
        visit({
          pointer: `${slot.pointer}/${i}`,
          get: () => current,
          set: (n) => {
            node.items[node.items.indexOf(current)] = n;
            current = n;
          },
          remove: () => node.items.splice(node.items.indexOf(current), 1),
          duplicate: (replacement) =>
            node.items.splice(node.items.indexOf(current) + 1, 0, replacement ?? structuredClone(current)),
        });
      });
    }
  };
  visit({ pointer: '', get: () => root.node, set: (n) => (root.node = n) });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mutations

export type TypeName = 'string' | 'number' | 'bool' | 'null' | 'list' | 'mapping';

export type Mutation =
  | { kind: 'deleteKey'; at: number }
  | { kind: 'duplicateKey'; at: number; sameValue: boolean; value: Scalar }
  | { kind: 'changeType'; at: number; to: TypeName; num: number; str: string }
  | { kind: 'replaceString'; at: number; str: string; style: ScalarStyle }
  | { kind: 'insertIntoString'; at: number; offset: number; str: string; style: ScalarStyle }
  | { kind: 'addKey'; at: number; key: string; keyStyle: KeyStyle; value: string; style: ScalarStyle }
  | { kind: 'insertRaw'; offset: number; str: string }
  | { kind: 'nest'; at: number; depth: number; as: 'list' | 'mapping'; flow: boolean; key: string }
  | { kind: 'truncate'; offset: number }
  | { kind: 'tabs'; line: number; mode: 'indent' | 'replaceIndent' | 'offset'; offset: number; count: number }
  | { kind: 'alias'; from: number; to: number; name: string }
  | { kind: 'selfAlias'; at: number; inner: number; name: string }
  | { kind: 'undefinedAlias'; at: number; name: string }
  | { kind: 'aliasBomb'; levels: number; width: number; at: number }
  | { kind: 'secondDocument'; second: 'same' | 'empty' | 'mapping' | 'garbage' | 'prefix'; str: string }
  /** Config only: a glob in overrides[].projects. */
  | { kind: 'glob'; override: number; glob: string };

const SPECIAL_STRINGS = [
  '\n',
  '\u0000',
  '\x1b',
  '\x1b[31mred\x1b[0m',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u202e',
  '\x7f',
  '\x85',
  '\r',
  '\r\n',
  '\t',
  '\\',
  '"',
  "'",
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '',
  ' ',
  '#',
  ': ',
  '- ',
  '? ',
  '---',
  '...',
  '&a',
  '*a',
  '!!str',
  '!!js/function',
  '!!binary',
  '%YAML 1.2',
  '~',
  'null',
  'true',
  'NaN',
  '0x1F',
  '1e309',
  '.nan',
  '<<',
  '{{',
  '[',
  '{',
  '🙂',
  'é',
  '${HOME}',
  '/',
  '~1',
  '%',
  '../../..',
];

/**
 * Longest generated string: past a plan's size limit (8 MiB) is pointless, and a megabyte costs
 * seconds per case, so the jest-sized run stays with strings of a few kilobytes.
 */
const LONGEST_STRING = FUZZING ? 1_200_000 : 20_000;

/** Strings that break things: controls, separators, prototype names, YAML syntax, long ones. */
export const weirdString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...SPECIAL_STRINGS), fc.string({ maxLength: 4 })), { minLength: 2, maxLength: 6 })
      .map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', 'é', '\n', '🙂', 'x ', '\u0000', '*', '\\'),
        // Log-uniform from 1,000 to LONGEST_STRING characters: most long strings are kilobytes.
        fc.integer({ min: 0, max: 1000 }).map((u) => Math.round(1000 * (LONGEST_STRING / 1000) ** (u / 1000))),
      )
      .map(([c, n]) => c.repeat(n)),
  },
);

const scalarStyle = fc.constantFrom<ScalarStyle>('double', 'single', 'plain', 'literal');
const anchorName = fc.constantFrom('a', 'x1', '__proto__', 'toString', 'constructor', 'a-b', 'é');
const index = fc.nat({ max: 1_000_000 });
const scalarValue: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

/** A glob with many `*` (and some `?`) around a few letters. */
export const manyStarGlob: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 2, max: 40 }),
    fc.array(fc.constantFrom('*', '*', '*', '**', '?', 'a', 'o', 'r', '-', 'x', '.'), { maxLength: 40 }),
    fc.constantFrom('', 'x', 'zzz', '!', '-api', 'orders', 'a'),
  )
  .map(([stars, mixed, tail]) => `${mixed.join('')}${'*'.repeat(stars)}${tail}`);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteKey' as const), at: index }),
  fc.record({ kind: fc.constant('duplicateKey' as const), at: index, sameValue: fc.boolean(), value: scalarValue }),
  fc.record({
    kind: fc.constant('changeType' as const),
    at: index,
    to: fc.constantFrom<TypeName>('string', 'number', 'bool', 'null', 'list', 'mapping'),
    num: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -1, 1e308, -0, 2 ** 53 + 1, 0.5, NaN, Infinity, -Infinity),
    ),
    str: fc.oneof(fc.string({ maxLength: 10 }), weirdString),
  }),
  fc.record({ kind: fc.constant('replaceString' as const), at: index, str: weirdString, style: scalarStyle }),
  fc.record({
    kind: fc.constant('insertIntoString' as const),
    at: index,
    offset: index,
    str: weirdString,
    style: scalarStyle,
  }),
  fc.record({
    kind: fc.constant('addKey' as const),
    at: index,
    key: weirdString,
    keyStyle: fc.constantFrom<KeyStyle>('auto', 'double', 'raw'),
    value: weirdString,
    style: scalarStyle,
  }),
  fc.record({ kind: fc.constant('insertRaw' as const), offset: index, str: weirdString }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: index,
    depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 100, max: 400 })),
    as: fc.constantFrom<'list' | 'mapping'>('list', 'mapping'),
    flow: fc.boolean(),
    key: fc.oneof(fc.constant('x'), weirdString),
  }),
  fc.record({ kind: fc.constant('truncate' as const), offset: index }),
  fc.record({
    kind: fc.constant('tabs' as const),
    line: index,
    mode: fc.constantFrom<'indent' | 'replaceIndent' | 'offset'>('indent', 'replaceIndent', 'offset'),
    offset: index,
    count: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('alias' as const), from: index, to: index, name: anchorName }),
  fc.record({ kind: fc.constant('selfAlias' as const), at: index, inner: index, name: anchorName }),
  fc.record({ kind: fc.constant('undefinedAlias' as const), at: index, name: anchorName }),
  fc.record({
    kind: fc.constant('aliasBomb' as const),
    levels: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 2, max: 12 }),
    at: index,
  }),
  fc.record({
    kind: fc.constant('secondDocument' as const),
    second: fc.constantFrom<'same' | 'empty' | 'mapping' | 'garbage' | 'prefix'>(
      'same',
      'empty',
      'mapping',
      'garbage',
      'prefix',
    ),
    str: weirdString,
  }),
);

export const globMutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constant('glob' as const),
  override: fc.nat({ max: 3 }),
  glob: manyStarGlob,
});

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

function withType(node: YNode, to: TypeName, num: number, str: string): YNode {
  const text = node.t === 'scalar' ? String(node.v) : str;
  switch (to) {
    case 'string':
      return { t: 'scalar', v: node.t === 'scalar' && typeof node.v !== 'string' ? text : str, style: 'double' };
    case 'number':
      return { t: 'scalar', v: num };
    case 'bool':
      return { t: 'scalar', v: num % 2 === 0 };
    case 'null':
      return { t: 'scalar', v: null };
    case 'list':
      return { t: 'seq', items: num % 2 === 0 ? [] : [node] };
    case 'mapping':
      return { t: 'map', entries: num % 2 === 0 ? [] : [{ key: str || 'k', value: node }] };
  }
}

function insertAt(text: string, offset: number, str: string): string {
  const at = offset % (text.length + 1);
  return text.slice(0, at) + str + text.slice(at);
}

/** Applies one mutation to a base document and returns the text to check. */
export function applyMutation(base: BaseDoc, m: Mutation): { text: string; where: string } {
  const root = { node: structuredClone(base.tree) };
  const all = () => slots(root);
  const done = (where: string) => ({ text: emit(root.node), where });
  switch (m.kind) {
    case 'truncate': {
      const at = m.offset % (base.text.length + 1);
      return { text: base.text.slice(0, at), where: `offset ${at}` };
    }
    case 'insertRaw':
      return { text: insertAt(base.text, m.offset, m.str), where: `offset ${m.offset % (base.text.length + 1)}` };
    case 'tabs': {
      const lines = base.text.split('\n');
      const i = m.line % lines.length;
      const tabs = '\t'.repeat(m.count);
      if (m.mode === 'indent') lines[i] = tabs + lines[i];
      else if (m.mode === 'replaceIndent') lines[i] = lines[i].replace(/^ +/, (s) => tabs + s.slice(m.count));
      else return { text: insertAt(base.text, m.offset, tabs), where: `offset ${m.offset % (base.text.length + 1)}` };
      return { text: lines.join('\n'), where: `line ${i + 1}` };
    }
    case 'secondDocument': {
      const second = {
        same: base.text,
        empty: '',
        mapping: 'apiVersion: deploy-plan/v1\nproject: other\n',
        garbage: m.str,
        prefix: '',
      }[m.second];
      if (m.second === 'prefix') return { text: `---\n${m.str}\n...\n---\n${base.text}`, where: 'before' };
      return { text: `${base.text}${base.text.endsWith('\n') ? '' : '\n'}---\n${second}`, where: 'after' };
    }
    case 'aliasBomb': {
      // a0: &b0 [x, x, ...]; a1: &b1 [*b0, *b0, ...]; ... expands to width^levels nodes.
      const lines = [`bomb0: &b0 [${Array(m.width).fill('"lol"').join(', ')}]`];
      for (let l = 1; l <= m.levels; l++)
        lines.push(
          `bomb${l}: &b${l} [${Array(m.width)
            .fill(`*b${l - 1}`)
            .join(', ')}]`,
        );
      const text = base.text.split('\n');
      const at = m.at % (text.length + 1);
      // Top-level keys only go between top-level lines; fall back to the end.
      const line = text.findIndex((l, i) => i >= at && /^[A-Za-z]/.test(l));
      text.splice(line < 0 ? text.length : line, 0, ...lines);
      return { text: text.join('\n'), where: `line ${line < 0 ? text.length : line + 1}` };
    }
    case 'deleteKey': {
      const s = pick(
        all().filter((x) => x.remove),
        m.at,
      );
      if (!s) return done('nothing to delete');
      s.remove!();
      return done(s.pointer);
    }
    case 'duplicateKey': {
      const s = pick(
        all().filter((x) => x.duplicate),
        m.at,
      );
      if (!s) return done('nothing to duplicate');
      s.duplicate!(m.sameValue ? undefined : { t: 'scalar', v: m.value });
      return done(s.pointer);
    }
    case 'changeType': {
      const s = pick(all(), m.at)!;
      s.set(withType(s.get(), m.to, m.num, m.str));
      return done(s.pointer);
    }
    case 'replaceString': {
      const s = pick(
        all().filter((x) => x.get().t === 'scalar'),
        m.at,
      );
      if (!s) return done('no scalar');
      s.set({ t: 'scalar', v: m.str, style: m.style });
      return done(s.pointer);
    }
    case 'insertIntoString': {
      const s = pick(
        all().filter((x) => {
          const n = x.get();
          return n.t === 'scalar' && typeof n.v === 'string';
        }),
        m.at,
      );
      if (!s) return done('no string');
      const v = (s.get() as { v: string }).v;
      s.set({ t: 'scalar', v: insertAt(v, m.offset, m.str), style: m.style });
      return done(s.pointer);
    }
    case 'addKey': {
      const s = pick(
        all().filter((x) => x.get().t === 'map'),
        m.at,
      );
      if (!s) return done('no mapping');
      const node = s.get() as Extract<YNode, { t: 'map' }>;
      node.entries.splice(m.at % (node.entries.length + 1), 0, {
        key: m.key,
        keyStyle: m.keyStyle,
        value: { t: 'scalar', v: m.value, style: m.style },
      });
      return done(s.pointer);
    }
    case 'nest': {
      const s = pick(all(), m.at)!;
      let node = s.get();
      // The key is written once per level: a megabyte key 400 levels deep would be a text of
      // gigabytes that runs the fuzzer (not the checker) out of memory. Keep the key's share.
      const key = m.key.slice(0, Math.max(1, Math.floor(LONGEST_STRING / m.depth)));
      for (let i = 0; i < m.depth; i++)
        node =
          m.as === 'list'
            ? { t: 'seq', items: [node], flow: m.flow }
            : { t: 'map', entries: [{ key, value: node }], flow: m.flow };
      s.set(node);
      return done(s.pointer);
    }
    case 'alias': {
      const list = all();
      const from = pick(list, m.from)!;
      const to = pick(list, m.to)!;
      const target = from.get();
      if (target.t === 'alias' || from === to) return done('no alias');
      target.anchor = m.name;
      to.set({ t: 'alias', name: m.name });
      return done(`${from.pointer} -> ${to.pointer}`);
    }
    case 'selfAlias': {
      const collections = all().filter((x) => {
        const n = x.get();
        return (n.t === 'map' && n.entries.length) || (n.t === 'seq' && n.items.length);
      });
      const outer = pick(collections, m.at);
      if (!outer) return done('no collection');
      const node = outer.get() as Extract<YNode, { t: 'map' | 'seq' }>;
      node.anchor = m.name;
      const inner = pick(slots({ node }).slice(1), m.inner)!;
      inner.set({ t: 'alias', name: m.name });
      return done(`${outer.pointer} <- ${outer.pointer}${inner.pointer}`);
    }
    case 'undefinedAlias': {
      const s = pick(all(), m.at)!;
      s.set({ t: 'alias', name: m.name });
      return done(s.pointer);
    }
    case 'glob': {
      if (root.node.t !== 'map') return done('not a mapping');
      let overrides = root.node.entries.find((e) => e.key === 'overrides');
      if (!overrides || overrides.value.t !== 'seq') {
        overrides = { key: 'overrides', value: { t: 'seq', items: [] } };
        root.node.entries.push(overrides);
      }
      const items = (overrides.value as Extract<YNode, { t: 'seq' }>).items;
      const glob: YNode = { t: 'scalar', v: m.glob, style: 'double' };
      const target = items[m.override % (items.length + 1)];
      if (target?.t === 'map') {
        const projects = target.entries.find((e) => e.key === 'projects');
        if (projects?.value.t === 'seq') projects.value.items.push(glob);
        else target.entries.push({ key: 'projects', value: { t: 'seq', items: [glob] } });
      } else {
        items.push({
          t: 'map',
          entries: [
            { key: 'projects', value: { t: 'seq', items: [glob] } },
            {
              key: 'policies',
              value: { t: 'map', entries: [{ key: 'rollout/staged', value: { t: 'scalar', v: 'minor' } }] },
            },
          ],
        });
      }
      return done(`/overrides: ${m.glob}`);
    }
  }
}
