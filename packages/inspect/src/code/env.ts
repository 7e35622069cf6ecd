import { ts } from 'ts-morph';
import type { EnvFact } from '@deploy-plan/core';
import type { CodeBase, ModuleInfo } from './codebase';
import { envName, knownStrings, valuesOf } from './evaluate';
import { callsOf } from './guards';
import { lookup, unwrap } from './scope';
import { isConfigService } from './config/nestjs-config';
import { forEachNode, propertyNameText } from './values';

/** Calls that validate an env object against a schema, and where in their options the schema sits. */
const SCHEMA_OPTIONS = ['schema', 'server', 'client', 'shared', 'validationSchema', 'env', 'vars', 'spec'];
/** Methods that check a whole env object against the schema they are called on. */
const SCHEMA_METHODS = new Set([
  'parse',
  'safeParse',
  'parseAsync',
  'safeParseAsync',
  'validate',
  'validateSync',
  'assert',
  'attempt',
  'cast',
]);
/** Packages whose `get('NAME')` reads one variable (env-var). */
const ENV_GETTERS = new Set(['env-var']);

/** An env read at a node, with the name; `schema` when it is a key of a schema, not a read site. */
export interface EnvRead {
  name: string;
  node: ts.Node;
  schema?: boolean;
}
type Read = EnvRead;

const cache = new WeakMap<CodeBase, EnvRead[]>();

/**
 * Environment variables read in code: `process.env.X`, `process.env['X']`, destructuring,
 * `import.meta.env.X`, aliases of `process.env` (`const env = process.env; env.X`, a module
 * that exports it, a Proxy over it), schemas validated against `process.env` (envalid, zod, Joi,
 * JSON schema, @t3-oss/env), NestJS `ConfigService.get('X')`, `env-var`'s `get('X')`, and the
 * project's own helpers that read `process.env[name]` with the name their callers pass.
 */
export function findEnv(cb: CodeBase): EnvFact[] {
  return envReads(cb).map((r) => ({ name: r.name, ...cb.site(r.node) }));
}

/** Every env read of the code base (computed once per code base; flags read them too). */
export function envReads(cb: CodeBase): EnvRead[] {
  const cached = cache.get(cb);
  if (cached) return cached;
  const out: Read[] = [];
  for (const module of cb.modules.values()) {
    for (const access of module.envAccesses) cb.guard(access, () => out.push(...accessReads(cb, access)), undefined);
    for (const object of module.envObjects) cb.guard(object, () => out.push(...schemaReads(cb, object)), undefined);
    for (const call of module.calls) {
      if (ts.isCallExpression(call)) cb.guard(call, () => out.push(...getterReads(cb, module, call)), undefined);
    }
  }
  cb.guard(cb.projectDir, () => out.push(...aliasReads(cb)), undefined);
  cb.guard(cb.projectDir, () => out.push(...holderPropertyReads(cb, out)), undefined);
  // One read per name and place (a helper checks and then returns `process.env[key]`).
  const seen = new Set<string>();
  const unique = out.filter((r) => {
    const key = `${r.name}\u0000${r.node.getSourceFile().fileName}:${r.node.pos}`;
    return !seen.has(key) && Boolean(seen.add(key));
  });
  cache.set(cb, unique);
  return unique;
}

const readNodes = new WeakMap<CodeBase, Set<ts.Node>>();

/** Is a node one of the env reads (a config holder's `env.X` included)? */
export function isEnvRead(cb: CodeBase, node: ts.Node): boolean {
  let nodes = readNodes.get(cb);
  if (!nodes) {
    nodes = new Set(envReads(cb).map((r) => r.node));
    readNodes.set(cb, nodes);
  }
  return nodes.has(node);
}

/** `process.env.X`, `process.env[k]`, `const { X } = process.env`. */
function accessReads(cb: CodeBase, access: ts.Node): Read[] {
  if (ts.isVariableDeclaration(access)) {
    if (!ts.isObjectBindingPattern(access.name)) return [];
    return access.name.elements.flatMap((el) => {
      const id = el.propertyName ?? el.name;
      const name = ts.isIdentifier(id) || ts.isStringLiteral(id) ? id.text : undefined;
      return name ? [{ name, node: el }] : [];
    });
  }
  if (ts.isElementAccessExpression(access)) return elementReads(cb, access);
  const name = envName(cb, access as ts.Expression);
  return name ? [{ name, node: access }] : [];
}

/**
 * `env[key]`: a helper's parameter is read once per caller, at the caller; a constant or loop
 * variable gives each name it may be.
 */
function elementReads(cb: CodeBase, access: ts.ElementAccessExpression): Read[] {
  const forwarded = forwardedReads(cb, access);
  if (forwarded.length || isParameter(cb, access.argumentExpression)) return forwarded;
  return knownStrings(cb, access.argumentExpression).map((k) => ({ name: k.text, node: access }));
}

function isParameter(cb: CodeBase, expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return ts.isIdentifier(e) && lookup(cb, e)?.kind === 'parameter';
}

/**
 * `function required(name) { return process.env[name] }`: the variable names are the arguments
 * its callers pass; each call is a read.
 */
function forwardedReads(cb: CodeBase, access: ts.ElementAccessExpression): Read[] {
  const key = unwrap(access.argumentExpression);
  if (!ts.isIdentifier(key)) return [];
  const d = lookup(cb, key);
  if (d?.kind !== 'parameter' || !('body' in d.fn) || d.path.length) return [];
  const out: Read[] = [];
  for (const call of callsOf(cb, d.fn)) {
    for (const name of knownStrings(cb, call.arguments[d.index])) out.push({ name: name.text, node: call });
  }
  return out;
}

/** Keys of a schema validated against `process.env` (the env object is an argument of a call). */
function schemaReads(cb: CodeBase, object: ts.Expression): Read[] {
  let n: ts.Node = object;
  // process.env may sit in an options object: createEnv({ server, runtimeEnv: process.env }).
  for (let hops = 0; hops < 3 && n.parent; hops++) {
    const p = n.parent;
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) return schemaOfCall(cb, p);
    if (!(
      ts.isPropertyAssignment(p) ||
      ts.isObjectLiteralExpression(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p)
    ))
      break;
    n = p;
  }
  return [];
}

function schemaOfCall(cb: CodeBase, call: ts.CallExpression | ts.NewExpression): Read[] {
  const out: Read[] = [];
  const callee = unwrap(call.expression);
  // schema.parse(process.env), envVarsSchema.validate(process.env)
  if (ts.isPropertyAccessExpression(callee) && SCHEMA_METHODS.has(callee.name.text))
    out.push(...keysOf(cb, callee.expression));
  for (const arg of call.arguments ?? []) {
    const e = unwrap(arg);
    if (ts.isObjectLiteralExpression(e)) {
      // cleanEnv(process.env, { X: str() }) or createEnv({ server: {...}, runtimeEnv: process.env })
      const schema = SCHEMA_OPTIONS.flatMap((name) => {
        const p = e.properties.find((x) => propertyNameText(x.name) === name);
        return p && ts.isPropertyAssignment(p) ? keysOf(cb, p.initializer) : [];
      });
      out.push(...(schema.length ? schema : looksLikeSchema(e) ? keysOf(cb, e) : []));
    } else if (!isEnvExpression(e)) out.push(...keysOf(cb, e));
  }
  return out;
}

const isEnvExpression = (e: ts.Expression) => /^(process|import\.meta)\.env$/.test(e.getText());

/** An object literal of variable specs: most keys are UPPER_CASE names. */
function looksLikeSchema(obj: ts.ObjectLiteralExpression): boolean {
  const names = obj.properties.map((p) => propertyNameText(p.name)).filter((n): n is string => Boolean(n));
  return names.length > 0 && names.filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)).length * 2 > names.length;
}

/** The keys a schema expression declares: object literals, z.object, Joi.object().keys, JSON schema `properties`. */
function keysOf(cb: CodeBase, expr: ts.Expression | undefined, depth = 0): Read[] {
  const e = expr && unwrap(expr);
  if (!e || depth > 6) return [];
  if (ts.isObjectLiteralExpression(e)) {
    const properties = e.properties.find((p) => propertyNameText(p.name) === 'properties');
    if (properties && ts.isPropertyAssignment(properties)) return keysOf(cb, properties.initializer, depth + 1);
    return e.properties.flatMap((p) => {
      const name = propertyNameText(p.name);
      return name && !ts.isSpreadAssignment(p) ? [{ name, node: p.name, schema: true }] : [];
    });
  }
  if (ts.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    const method = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : '';
    // z.object({...}), Joi.object({...}), Joi.object().keys({...}), envalid-style spec helpers
    if (
      ['object', 'strictObject', 'looseObject', 'keys', 'append', 'extend', 'Type'].includes(method) &&
      e.arguments[0]
    ) {
      const own = keysOf(cb, e.arguments[0], depth + 1);
      return ts.isPropertyAccessExpression(callee) ? [...own, ...keysOf(cb, callee.expression, depth + 1)] : own;
    }
    if (ts.isPropertyAccessExpression(callee)) return keysOf(cb, callee.expression, depth + 1);
    return [];
  }
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
    for (const v of valuesOf(cb).of(e)) {
      if (v.kind === 'node' && (ts.isObjectLiteralExpression(v.node) || ts.isCallExpression(v.node)))
        return keysOf(cb, v.node, depth + 1);
      if (v.kind === 'made' || v.kind === 'result') return keysOf(cb, v.call, depth + 1);
    }
  }
  return [];
}

/** NestJS `configService.get('X')` and env-var's `get('X')`. */
function getterReads(cb: CodeBase, module: ModuleInfo, call: ts.CallExpression): Read[] {
  const callee = unwrap(call.expression);
  const name = ts.isPropertyAccessExpression(callee)
    ? callee.name.text
    : ts.isIdentifier(callee)
      ? callee.text
      : undefined;
  if (name !== 'get' && name !== 'getOrThrow') return [];
  const values = valuesOf(cb);
  if (ts.isIdentifier(callee)) {
    const fromEnvVar = values.of(callee).some((v) => v.kind === 'external' && ENV_GETTERS.has(v.module));
    return fromEnvVar ? knownStrings(cb, call.arguments[0]).map((s) => ({ name: s.text, node: call })) : [];
  }
  const receiver = (callee as ts.PropertyAccessExpression).expression;
  const isConfig =
    values
      .of(receiver)
      .some((v) => isConfigService(cb, values, v) || (v.kind === 'external' && ENV_GETTERS.has(v.module))) ||
    /config(Service)?$/i.test(receiver.getText(module.source));
  if (!isConfig) return [];
  return knownStrings(cb, call.arguments[0])
    .filter((s) => /^[A-Z][A-Z0-9_]*$/.test(s.text))
    .map((s) => ({ name: s.text, node: call }));
}

/**
 * Reads through names that hold `process.env` itself (`const env = process.env; env.X`, a module
 * exporting it, a Proxy over it) or the object a schema validator made from it
 * (`this.config = cleanEnv(process.env, spec); this.config[key]`).
 */
function aliasReads(cb: CodeBase): Read[] {
  const names = new Set<string>();
  const madeFrom = new Set<ts.Node>();
  for (const module of cb.modules.values()) {
    for (const object of module.envObjects) {
      const holder = holderOf(object);
      if (!holder) continue;
      names.add(holder.name);
      if (holder.call) madeFrom.add(holder.call);
    }
  }
  if (!names.size) return [];
  // Import aliases of exported holders: `import environment from './env'`.
  for (const module of cb.modules.values()) {
    for (const [local, b] of module.bindings)
      if (b.kind === 'import' && (names.has(b.imported) || b.imported === 'default')) names.add(local);
  }
  const out: Read[] = [];
  for (const module of cb.modules.values()) {
    if (![...names].some((n) => module.source.text.includes(n))) continue;
    forEachNode(module.source, (n) => {
      if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n))
        out.push(...holderRead(cb, n, names, madeFrom));
      return true;
    });
  }
  return out;
}

function holderRead(
  cb: CodeBase,
  n: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  names: Set<string>,
  madeFrom: Set<ts.Node>,
): Read[] {
  const base = unwrap(n.expression);
  const baseName = ts.isIdentifier(base)
    ? base.text
    : ts.isPropertyAccessExpression(base) && base.expression.kind === ts.SyntaxKind.ThisKeyword
      ? base.name.text
      : undefined;
  if (!baseName || !names.has(baseName)) return [];
  if (
    ts.isBinaryExpression(n.parent) &&
    n.parent.left === n &&
    n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  )
    return [];
  const values = valuesOf(cb).of(base);
  if (values.some((v) => v.kind === 'env' && v.name === undefined)) {
    return ts.isPropertyAccessExpression(n) ? [{ name: n.name.text, node: n }] : elementReads(cb, n);
  }
  if (!values.some((v) => (v.kind === 'made' || v.kind === 'result') && madeFrom.has(v.call))) return [];
  if (ts.isPropertyAccessExpression(n))
    return /^[A-Z][A-Z0-9_]*$/.test(n.name.text) ? [{ name: n.name.text, node: n }] : [];
  return elementReads(cb, n);
}

/** The name that holds a bare `process.env`, or what a call made from it, and that call. */
function holderOf(object: ts.Expression): { name: string; call?: ts.Node } | undefined {
  let n: ts.Node = object;
  let call: ts.Node | undefined;
  for (let hops = 0; hops < 5 && n.parent; hops++) {
    const p = n.parent;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return { name: p.name.text, call };
    if (ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return { name: p.name.text, call };
    if (
      ts.isBinaryExpression(p) &&
      p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(p.left)
    ) {
      return { name: p.left.name.text, call };
    }
    if (ts.isExportAssignment(p)) return { name: 'default', call };
    if (ts.isCallExpression(p) && !call) {
      call = p;
      n = p;
      continue;
    }
    const passes =
      ts.isNewExpression(p) ||
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isSpreadAssignment(p) ||
      ts.isObjectLiteralExpression(p) ||
      ts.isPropertyAssignment(p) ||
      ts.isAwaitExpression(p);
    if (!passes) return undefined;
    n = p;
  }
  return undefined;
}

/**
 * Uses of config holders filled from the environment: a class property or object-literal
 * property whose value is an env read (`RATE_LIMITER_ENABLED = this.toBoolean(env.X)`,
 * `{ port: process.env.PORT }`) read elsewhere as `env.RATE_LIMITER_ENABLED`: each use is a read
 * of that variable at the use (where a flag's guard is decided).
 */
function holderPropertyReads(cb: CodeBase, reads: readonly Read[]): Read[] {
  const holders = new Map<string, { owner: ts.Node; env: string }[]>();
  for (const read of reads) {
    if (read.schema) continue;
    const owner = holderProperty(read.node);
    if (!owner) continue;
    const list = holders.get(owner.name) ?? [];
    list.push({ owner: owner.container, env: read.name });
    holders.set(owner.name, list);
  }
  if (!holders.size) return [];
  const values = valuesOf(cb);
  const out: Read[] = [];
  for (const module of cb.modules.values()) {
    if (![...holders.keys()].some((n) => module.source.text.includes(n))) continue;
    forEachNode(module.source, (n) => {
      if (!ts.isPropertyAccessExpression(n)) return true;
      const candidates = holders.get(n.name.text);
      if (!candidates || (ts.isBinaryExpression(n.parent) && n.parent.left === n)) return true;
      for (const v of values.of(n.expression)) {
        const container = v.kind === 'instance' ? v.cls : v.kind === 'node' ? v.node : undefined;
        const match = candidates.find((c) => c.owner === container);
        if (match) {
          out.push({ name: match.env, node: n });
          break;
        }
      }
      return true;
    });
  }
  return out;
}

/** The class or object-literal property whose value holds an env read, with its container. */
function holderProperty(node: ts.Node): { name: string; container: ts.Node } | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n))
      return undefined;
    if (
      ts.isPropertyDeclaration(n) &&
      !(ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword)
    ) {
      const name = propertyNameText(n.name);
      return name && n.parent && ts.isClassLike(n.parent) ? { name, container: n.parent } : undefined;
    }
    if (ts.isPropertyAssignment(n)) {
      const name = propertyNameText(n.name);
      return name && ts.isObjectLiteralExpression(n.parent) ? { name, container: n.parent } : undefined;
    }
    if (ts.isStatement(n)) return undefined;
  }
  return undefined;
}
