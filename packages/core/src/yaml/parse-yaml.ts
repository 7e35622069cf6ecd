import { CORE_SCHEMA, load, parseEvents, YAMLException, type Event } from 'js-yaml';
import { checkAliasExpansion } from './alias-budget';
import { buildPositionMap, type NodeLocation, type PositionMap, type SourceRange } from './position-map';

/** Limits that keep hostile YAML from taking time or memory. */
export interface YamlLimits {
  /** Nodes a document may have once aliases are expanded. */
  maxExpandedNodes: number;
  /** Nesting depth of collections. */
  maxDepth: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxExpandedNodes: 100_000, maxDepth: 64 };

/** A problem in the YAML text itself, before the plan's shape is looked at. */
export interface YamlProblem {
  messageId:
    | 'syntaxError'
    | 'tabIndentation'
    | 'duplicateKey'
    | 'multipleDocuments'
    | 'aliasExpansion'
    | 'recursiveAlias'
    | 'tooDeep'
    | 'empty'
    | 'notAMapping';
  data: Record<string, string>;
  range: SourceRange;
  hint?: string;
  /** Secondary location (e.g. the first occurrence of a duplicate key). */
  related?: { range: SourceRange; message: string };
}

/** A parsed YAML document whose positions are computed only when someone asks for one. */
export interface ParsedYaml {
  /** The document's value; undefined when the text could not be turned into a mapping. */
  value: Record<string, unknown> | undefined;
  problems: YamlProblem[];
  /** Location of the node at `pointer`, or undefined when there is no such node. */
  readonly locate: (pointer: string) => NodeLocation | undefined;
}

const OPTIONS = { schema: CORE_SCHEMA };

/** js-yaml reasons rewritten as sentences a person reads, with a hint where one helps. */
function describeYamlError(reason: string): { messageId: YamlProblem['messageId']; reason: string; hint?: string } {
  if (reason.startsWith('tab characters')) {
    return {
      messageId: 'tabIndentation',
      reason,
      hint: 'Indent with spaces; YAML does not allow tabs for indentation.',
    };
  }
  if (reason.startsWith('nesting exceeded')) return { messageId: 'tooDeep', reason };
  const hints: [RegExp, string, string?][] = [
    [
      /^bad indentation of a mapping entry/,
      'a key is not indented like the keys around it',
      'Line the key up with its siblings, or put a space after the previous `:`.',
    ],
    [/^bad indentation of a sequence entry/, 'a list item is not indented like the items around it'],
    [
      /^deficient indentation/,
      'a line is indented less than its block needs',
      'Is a `]`, `}` or closing quote missing above this line?',
    ],
    [
      /^unexpected end of the stream within a flow collection/,
      'a `[` or `{` is never closed',
      'Add the missing `]` or `}`.',
    ],
    [
      /^unexpected end of the (stream|document) within a (double|single) quoted scalar/,
      'a quoted string is never closed',
      'Add the missing closing quote.',
    ],
    [/^missed comma between flow collection entries/, 'a comma is missing between items in `[...]` or `{...}`'],
    [
      /^end of the stream or a document separator is expected/,
      'there is text where the document should have ended',
      'Check the indentation of this line.',
    ],
    [/^a whitespace character is expected after the key-value separator/, 'a space is missing after `:`'],
    [
      /^can not read a block mapping entry; a multiline key/,
      'a key runs over more than one line',
      'Quote the value or use `|` for multi-line text.',
    ],
    [/^object-based map does not support complex keys/, 'a key is a list or a mapping; plan keys must be plain text'],
    [
      /^unknown (scalar )?tag/,
      'the file uses a YAML tag this checker does not load',
      'Remove the `!!tag`; plans use plain YAML values.',
    ],
    [/^unidentified alias/, 'an alias (`*name`) refers to an anchor (`&name`) that is not defined above it'],
    [/^null byte is not allowed/, 'the file contains a NUL byte'],
    [/^the stream contains non-printable characters/, 'the file contains a control character YAML does not allow'],
  ];
  for (const [re, sentence, hint] of hints)
    if (re.test(reason)) return { messageId: 'syntaxError', reason: sentence, hint };
  return { messageId: 'syntaxError', reason };
}

function problemFromException(error: unknown, text: string): YamlProblem {
  if (error instanceof YAMLException) {
    const offset = Math.min(error.mark?.position ?? 0, text.length);
    const { messageId, reason, hint } = describeYamlError(error.reason);
    return { messageId, data: { reason }, range: { start: offset, end: Math.min(offset + 1, text.length) }, hint };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { messageId: 'syntaxError', data: { reason }, range: { start: 0, end: 0 } };
}

/** Offset of the first character that is not whitespace or part of a comment. */
function firstContent(text: string): number {
  const m = /^(?:\s|#[^\n\r]*)*/.exec(text);
  return m ? m[0].length : 0;
}

/** Quick, conservative test for anchors and aliases: plain plans have neither. */
const mayHaveAliases = (text: string) =>
  text.includes('&') && text.includes('*') && /(^|[\s[{,:-])&[^\s]/.test(text) && /(^|[\s[{,:-])\*[^\s,\]}]/.test(text);

/** The event stream and position map of a text, built only when first asked for. */
class LazyPositions {
  private events?: Event[];
  private map?: PositionMap | null;

  constructor(
    private readonly text: string,
    private readonly limits: YamlLimits,
  ) {}

  getEvents(): Event[] {
    return (this.events ??= parseEvents(this.text, { maxDepth: this.limits.maxDepth }));
  }

  getMap(): PositionMap | undefined {
    if (this.map === undefined) {
      try {
        this.map = buildPositionMap(this.text, this.getEvents());
      } catch {
        this.map = null;
      }
    }
    return this.map ?? undefined;
  }
}

/** An alias bomb (or broken aliases), found before `load` expands anything. */
function aliasProblem(text: string, positions: LazyPositions, limits: YamlLimits): YamlProblem | undefined {
  if (!mayHaveAliases(text)) return undefined;
  try {
    const overrun = checkAliasExpansion(text, positions.getEvents(), limits.maxExpandedNodes);
    if (!overrun) return undefined;
    const range = { start: overrun.offset, end: overrun.offset + 1 };
    if (overrun.recursive !== undefined)
      return { messageId: 'recursiveAlias', data: { name: overrun.recursive }, range };
    return { messageId: 'aliasExpansion', data: { limit: String(limits.maxExpandedNodes) }, range };
  } catch (error) {
    return problemFromException(error, text);
  }
}

/** Every duplicate key and extra document, from the event stream (js-yaml reports the first). */
function recoverableProblems(positions: PositionMap): YamlProblem[] {
  const problems: YamlProblem[] = positions.duplicates.map((dup) => ({
    messageId: 'duplicateKey',
    data: { key: dup.key },
    range: dup.at,
    related: { range: dup.first, message: `first \`${dup.key}\`` },
  }));
  for (const offset of positions.extraDocuments)
    problems.push({ messageId: 'multipleDocuments', data: {}, range: { start: offset, end: offset + 1 } });
  return problems;
}

const RECOVERABLE = new Set(['duplicated mapping key', 'expected a single document in the stream, but found more']);

/**
 * Loads the value. Duplicate keys and extra documents are reported and the first document is
 * loaded anyway (keeping the last of duplicate keys); other errors give no value.
 */
function loadValue(
  text: string,
  positions: LazyPositions,
  limits: YamlLimits,
  problems: YamlProblem[],
): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: load(text, { ...OPTIONS, maxDepth: limits.maxDepth }) };
  } catch (error) {
    if (!(error instanceof YAMLException) || !RECOVERABLE.has(error.reason)) {
      problems.push(problemFromException(error, text));
      return { ok: false };
    }
    const map = positions.getMap();
    const found = map ? recoverableProblems(map) : [];
    problems.push(...(found.length ? found : [problemFromException(error, text)]));
    try {
      const first = map?.extraDocuments.length ? text.slice(0, documentEnd(text, map.extraDocuments[0])) : text;
      // `json: true` keeps the last of duplicate keys instead of throwing.
      return { ok: true, value: load(first, { ...OPTIONS, maxDepth: limits.maxDepth, json: true }) };
    } catch (again) {
      problems.push(problemFromException(again, text));
      return { ok: false };
    }
  }
}

/** The value as a plan-shaped mapping, or the problem that it is empty, a list or a scalar. */
function asMapping(
  value: unknown,
  text: string,
  start: number,
): { mapping: Record<string, unknown> } | { problem: YamlProblem } {
  if (value === null || value === undefined)
    return { problem: { messageId: 'empty', data: {}, range: { start, end: start } } };
  if (typeof value === 'object' && !Array.isArray(value)) return { mapping: value as Record<string, unknown> };
  const found = Array.isArray(value) ? 'a list' : `the ${typeof value} ${JSON.stringify(value)}`;
  return {
    problem: { messageId: 'notAMapping', data: { found }, range: { start, end: Math.min(text.length, start + 1) } },
  };
}

/**
 * Parses one YAML document. A clean plan costs one `load`; the event stream behind positions
 * is built only when a position is asked for, or when the fast path reports a problem that needs
 * it (duplicate keys, extra documents, aliases).
 */
export function parseYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): ParsedYaml {
  const problems: YamlProblem[] = [];
  const positions = new LazyPositions(text, limits);
  const result = (value: Record<string, unknown> | undefined): ParsedYaml => ({
    value,
    problems,
    locate: (pointer) => positions.getMap()?.locations.get(pointer),
  });
  const start = firstContent(text);
  if (start >= text.length) {
    problems.push({ messageId: 'empty', data: {}, range: { start: 0, end: 0 } });
    return result(undefined);
  }
  const aliases = aliasProblem(text, positions, limits);
  if (aliases) {
    problems.push(aliases);
    return result(undefined);
  }
  const loaded = loadValue(text, positions, limits, problems);
  if (!loaded.ok) return result(undefined);
  const shaped = asMapping(loaded.value, text, start);
  if ('problem' in shaped) problems.push(shaped.problem);
  return result('mapping' in shaped ? shaped.mapping : undefined);
}

/** The offset where the `---` that starts the document at `offset` begins. */
function documentEnd(text: string, offset: number): number {
  const before = text.lastIndexOf('---', offset);
  return before >= 0 ? before : offset;
}
