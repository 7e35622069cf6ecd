import * as fs from 'node:fs';
import * as path from 'node:path';
import { interpolate, sortDiagnostics, type Diagnostic, type RelatedLocation } from '../diagnostic';
import type { DeployPlan } from '../generated/plan';
import { escapePointerSegment, parentPointer, parsePointer } from '../pointer';
import { BUILTIN_RULES, type BuiltinRule } from '../rules/builtin-rules';
import { explainSchemaErrors } from '../schema/explain-errors';
import { planValidator, type AjvError, type SchemaValidator } from '../schema/validate';
import { LineIndex, type Position } from '../source/line-index';
import { findScaffoldPlaceholders, type Placeholder } from '../vocabulary';
import { DEFAULT_MAX_FILE_SIZE, readSourceFile, type SourceFileSystem } from '../source/read-source';
import { DEFAULT_YAML_LIMITS, parseYaml, type ParsedYaml, type YamlLimits } from '../yaml/parse-yaml';
import type { SourceRange } from '../yaml/position-map';

/** A span in a file, 1-based. */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A YAML document with positions, validated against a schema. */
export interface LoadedDocument<T> {
  /** Workspace-relative POSIX path. */
  file: string;
  /** The parsed value when the text is a YAML mapping (it may still break the schema). */
  data?: Record<string, unknown>;
  /**
   * The value typed, present only when it matches the schema. A scaffold placeholder where the
   * schema wants another type (a number, a date, one of a list) is not a schema error: it is set
   * aside here, and reported as a placeholder (see `placeholders`).
   */
  value?: T;
  /** The scaffold placeholders (`TODO(deploy-plan)`) of the document as written. */
  placeholders?: Placeholder[];
  diagnostics: Diagnostic[];
  /**
   * Span of the node at `pointer` (its key or its value), falling back to the nearest
   * enclosing node that exists; line 1 column 1 when there is none.
   */
  readonly locate: (pointer: string, target?: 'key' | 'value') => SourceSpan;
}

export type LoadedPlan = LoadedDocument<DeployPlan>;

export interface LoadOptions {
  /** Workspace root; `file` is made relative to it. */
  root: string;
  maxFileSize?: number;
  limits?: YamlLimits;
  /** Most schema diagnostics reported per file; the rest are counted in one line. */
  maxSchemaDiagnostics?: number;
  fileSystem?: SourceFileSystem;
  /** Resolves a path's links; a run loading many plans passes one that remembers the root's. */
  realPath?: (path: string) => string;
}

const realPathOf = (p: string) => fs.realpathSync.native(p);

/** A link resolver that resolves each path once (for one run: links do not change under it). */
export function rememberingRealPath(): (path: string) => string {
  const known = new Map<string, string>();
  return (p) => {
    let real = known.get(p);
    if (real === undefined) known.set(p, (real = realPathOf(p)));
    return real;
  };
}

/** Workspace-relative POSIX path. */
export function relativePosix(root: string, absolute: string): string {
  const rel = path.relative(root, absolute);
  return (rel === '' ? path.basename(absolute) : rel).split(path.sep).join('/');
}

/** Builds a diagnostic of a built-in rule. */
export function builtinDiagnostic(
  rule: BuiltinRule,
  messageId: string,
  data: Record<string, string>,
  file: string,
  span: SourceSpan | Position,
  extra: Partial<Diagnostic> = {},
): Diagnostic {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    messageId,
    message: interpolate(rule.messages[messageId] ?? messageId, data),
    data,
    file,
    line: span.line,
    column: span.column,
    ...('endLine' in span ? { endLine: span.endLine, endColumn: span.endColumn } : {}),
    ...extra,
  };
}

function spanOf(index: LineIndex, range: SourceRange): SourceSpan {
  const start = index.position(range.start);
  const end = index.position(Math.max(range.end, range.start));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function makeLocator(parsed: ParsedYaml | undefined, lineIndex: (() => LineIndex) | undefined) {
  return (pointer: string, target: 'key' | 'value' = 'value'): SourceSpan => {
    if (!parsed || !lineIndex) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const index = lineIndex();
    let p: string | undefined = pointer;
    let wanted = target;
    while (p !== undefined) {
      const loc = parsed.locate(p);
      if (loc && wanted === 'key' && loc.key) return spanOf(index, loc.key);
      if (loc && wanted === 'key') {
        // A mapping without a key (the root, a list item): its first line, not all of it.
        const span = spanOf(index, loc.value);
        return { ...span, endLine: span.line, endColumn: index.lineEndColumn(span.line) };
      }
      if (loc) return spanOf(index, loc.value);
      // The node is missing (or sits under an alias): point at what encloses it.
      p = parentPointer(p);
      wanted = 'key';
    }
    return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  };
}

/** Quick test on the text: a placeholder is written as is, or behind a double-quoted escape. */
const mayHavePlaceholders = (text: string) => text.includes('TODO(deploy-plan)') || text.includes('\\');

/**
 * Whether the file's real path (links resolved) is outside the workspace's real path: a plan
 * linked to `~/.npmrc` must never be read, or its content would be quoted in reports. A path
 * that does not resolve (missing, a loop) is left to the reader, which says what it is.
 */
function leavesRoot(absolutePath: string, root: string, realRootOf: (root: string) => string): boolean {
  let real: string;
  let realRoot: string;
  try {
    real = fs.realpathSync.native(absolutePath);
    realRoot = realRootOf(root);
  } catch {
    return false;
  }
  const rel = path.relative(realRoot, real);
  return rel.startsWith('..') || path.isAbsolute(rel);
}

/**
 * Reads, parses and validates one YAML document. Every problem becomes a diagnostic with a
 * position; nothing throws for bad input.
 */
export function loadDocument<T>(
  absolutePath: string,
  options: LoadOptions,
  validator: SchemaValidator,
  schemaRule: BuiltinRule,
): LoadedDocument<T> {
  const file = relativePosix(options.root, absolutePath);
  if (!options.fileSystem && leavesRoot(absolutePath, options.root, options.realPath ?? realPathOf)) {
    const diagnostic = builtinDiagnostic(
      BUILTIN_RULES.unreadable,
      'outsideRoot',
      { name: path.basename(absolutePath) },
      file,
      { line: 1, column: 1 },
    );
    return { file, diagnostics: [diagnostic], locate: makeLocator(undefined, undefined) };
  }
  const read = readSourceFile(absolutePath, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, options.fileSystem);
  if (!read.ok) {
    const position = read.messageId === 'notUtf8' ? read.position : { line: 1, column: 1 };
    const diagnostic = builtinDiagnostic(
      BUILTIN_RULES.unreadable,
      read.messageId,
      { name: path.basename(absolutePath), ...read.data },
      file,
      position,
    );
    return { file, diagnostics: [diagnostic], locate: makeLocator(undefined, undefined) };
  }
  return parseDocument<T>(read.text, file, validator, schemaRule, options);
}

/** Parses and validates YAML text already in memory (the loader's second half; tests use it). */
export function parseDocument<T>(
  text: string,
  file: string,
  validator: SchemaValidator,
  schemaRule: BuiltinRule,
  options: Pick<LoadOptions, 'limits' | 'maxSchemaDiagnostics'> = {},
): LoadedDocument<T> {
  const diagnostics: Diagnostic[] = [];
  // Line starts are computed only for plans that have something to report.
  let lines: LineIndex | undefined;
  const lineIndex = () => (lines ??= new LineIndex(text));
  const parsed = parseYaml(text, options.limits ?? DEFAULT_YAML_LIMITS);
  const locate = makeLocator(parsed, lineIndex);
  for (const problem of parsed.problems) {
    const index = lineIndex();
    const rule =
      problem.messageId === 'empty' || problem.messageId === 'notAMapping'
        ? BUILTIN_RULES.document
        : BUILTIN_RULES.yaml;
    const related: RelatedLocation[] | undefined = problem.related
      ? [{ file, ...spanOf(index, problem.related.range), message: problem.related.message }]
      : undefined;
    const data = { ...problem.data };
    diagnostics.push(
      builtinDiagnostic(rule, problem.messageId, data, file, spanOf(index, problem.range), {
        hint: problem.hint,
        related,
      }),
    );
  }
  const data = parsed.value;
  if (!data) return { file, diagnostics: sortDiagnostics(diagnostics), locate };

  const placeholders = mayHavePlaceholders(text) ? findScaffoldPlaceholders(data) : [];
  const errors = validator.validate(data);
  if (!errors.length)
    return { file, data, value: data as T, placeholders, diagnostics: sortDiagnostics(diagnostics), locate };
  const pending = new Set(placeholders.map((p) => p.pointer));
  if (pending.size && errors.every((e) => pending.has(e.instancePath))) {
    // Valid once they are set aside: what is left may miss only the values set aside.
    const aside = new Set(errors.map((e) => e.instancePath));
    const value = withoutPointers(data, aside);
    const missing = (e: AjvError) =>
      e.keyword === 'required' &&
      aside.has(`${e.instancePath}/${escapePointerSegment(String(e.params.missingProperty))}`);
    if (validator.validate(value).every(missing))
      return { file, data, value: value as T, placeholders, diagnostics: sortDiagnostics(diagnostics), locate };
  }

  const issues = explainSchemaErrors(errors, data, validator.schema);
  const cap = options.maxSchemaDiagnostics ?? 500;
  for (const issue of issues.slice(0, cap)) {
    diagnostics.push(
      builtinDiagnostic(schemaRule, issue.messageId, issue.data, file, locate(issue.pointer, issue.target), {
        pointer: issue.pointer,
        hint: issue.hint,
      }),
    );
  }
  if (issues.length > cap) {
    diagnostics.push(
      builtinDiagnostic(schemaRule, 'truncated', { count: String(issues.length - cap) }, file, { line: 1, column: 1 }),
    );
  }
  return { file, data, placeholders, diagnostics: sortDiagnostics(diagnostics), locate };
}

/** A copy of a parsed document without the values at these pointers (list items are dropped). */
function withoutPointers(data: Record<string, unknown>, pointers: ReadonlySet<string>): Record<string, unknown> {
  const copy = structuredClone(data);
  // Deepest and last first, so that dropping a list item does not move the ones still to drop.
  const paths = [...pointers].map(parsePointer).sort((a, b) => b.length - a.length || compareLast(b, a));
  for (const segments of paths) {
    let node: unknown = copy;
    for (const segment of segments.slice(0, -1)) node = (node as Record<string, unknown>)[segment];
    const last = segments[segments.length - 1];
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else if (node && typeof node === 'object') delete (node as Record<string, unknown>)[last];
  }
  return copy;
}

const compareLast = (a: string[], b: string[]) => Number(a[a.length - 1]) - Number(b[b.length - 1]) || 0;

/** Loads a deploy-plan.yaml. */
export function loadPlan(absolutePath: string, options: LoadOptions): LoadedPlan {
  return loadDocument<DeployPlan>(absolutePath, options, planValidator, BUILTIN_RULES.schema);
}
