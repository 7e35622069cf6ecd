import { ts } from 'ts-morph';
import type { HealthCheckClass } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { envName } from './evaluate';
import { calleeOrigin, functionOf, lookup, unwrap } from './scope';

/** Packages whose clients reach a dependency (a database, a cache, a queue, another service). */
const DEPENDENCY_PACKAGES = [
  /^pg$/, /^pg-promise$/, /^postgres$/, /^mysql2?$/, /^mongodb$/, /^mongoose$/, /^ioredis$/, /^redis$/, /^@redis\//, /^@prisma\/client$/, /^knex$/, /^typeorm$/,
  /^sequelize$/, /^drizzle-orm/, /^@mikro-orm\//, /^axios$/, /^got$/, /^undici$/, /^node-fetch$/, /^ky$/, /^@aws-sdk\//, /^kafkajs$/, /^amqplib$/, /^bullmq$/, /^bull$/,
  /^@elastic\/elasticsearch$/, /^cassandra-driver$/, /^nats$/, /^@google-cloud\//, /^@azure\//, /^firebase-admin$/, /^@nestjs\/terminus$/, /^memcached$/, /^better-sqlite3$/,
  /^@planetscale\//, /^@neondatabase\//, /^@supabase\//, /^@upstash\//, /^openai$/, /^stripe$/,
];

/** Names a dependency client usually has, used when its origin cannot be traced. */
const CLIENT_NAME = /^(db|database|pool|prisma|redis|cache|knex|sequelize|datasource|connection|mongo|mongoose|queue|producer|consumer|health|.*client|.*repository|.*repo|.*indicator)$/i;

/** Terminus indicators that check a dependency (not disk or memory). */
const TERMINUS_DEPENDENCY = /(TypeOrm|Mongoose|Sequelize|MikroOrm|Prisma|Http|Microservice|GRPC|Redis)HealthIndicator$/;

export interface HealthClassification {
  check: HealthCheckClass;
  reason: string;
}

interface Context {
  cb: CodeBase;
  names: readonly string[];
}

const isDependencyPackage = (module: string) => DEPENDENCY_PACKAGES.some((re) => re.test(module));

/** The leftmost name of a call's receiver chain: `this.db.query` -> `db`, `pool.query` -> `pool`. */
function receiverRoot(expr: ts.Expression): ts.Expression {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) {
    const inner = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(e) && inner.kind === ts.SyntaxKind.ThisKeyword) return e; // this.db
    e = inner;
  }
  return e;
}

/** Does the value of `expr` come from a dependency package (`new Pool()`, `new PrismaClient()`, `axios.create()`)? */
function fromDependency(ctx: Context, expr: ts.Expression, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  const e = unwrap(expr);
  if (ts.isNewExpression(e) || ts.isCallExpression(e)) {
    const origin = calleeOrigin(ctx.cb, e);
    if (origin && isDependencyPackage(origin.module)) return origin.module;
    return ts.isCallExpression(e) || ts.isNewExpression(e) ? fromDependency(ctx, e.expression, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    if (unwrap(e.expression).kind === ts.SyntaxKind.ThisKeyword) return thisProperty(ctx, e, depth);
    return fromDependency(ctx, e.expression, depth + 1);
  }
  if (ts.isIdentifier(e)) {
    const d = lookup(ctx.cb, e);
    if (d?.kind === 'external') return isDependencyPackage(d.module) ? d.module : undefined;
    if (d?.kind === 'variable' && d.init) return fromDependency(ctx, d.init, depth + 1);
    if (d?.kind === 'parameter') return typeOrigin(ctx, d.node.type);
  }
  return undefined;
}

/** `this.db`: a class property or constructor parameter; its initializer or type tells its origin. */
function thisProperty(ctx: Context, e: ts.PropertyAccessExpression, depth: number): string | undefined {
  const cls = findAncestor(e, ts.isClassDeclaration);
  if (!cls) return undefined;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === e.name.text) {
      return (m.initializer && fromDependency(ctx, m.initializer, depth + 1)) ?? typeOrigin(ctx, m.type);
    }
    if (ts.isConstructorDeclaration(m)) {
      const p = m.parameters.find((param) => ts.isIdentifier(param.name) && param.name.text === e.name.text);
      if (p) return typeOrigin(ctx, p.type);
    }
  }
  return undefined;
}

/** `pool: Pool` / `private readonly db: TypeOrmHealthIndicator`: the package the type is imported from. */
function typeOrigin(ctx: Context, type: ts.TypeNode | undefined): string | undefined {
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  const d = lookup(ctx.cb, type.typeName);
  if (d?.kind === 'external' && isDependencyPackage(d.module)) {
    if (d.module === '@nestjs/terminus' && !TERMINUS_DEPENDENCY.test(d.imported) && d.imported !== 'HealthCheckService') return undefined;
    return d.module;
  }
  return undefined;
}

function findAncestor<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (test(n)) return n;
  return undefined;
}

/** A readable name of a call: `db.query(...)`. */
function describeCall(call: ts.CallExpression): string {
  const text = call.expression.getText();
  return `${text.length > 40 ? `${text.slice(0, 37)}...` : text}(...)`;
}

/** Is this call a dependency call? Returns what it reaches. */
function dependencyOf(ctx: Context, call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'fetch') return 'fetch';
  const origin = calleeOrigin(ctx.cb, call);
  if (origin && isDependencyPackage(origin.module)) return origin.module;
  const root = receiverRoot(callee);
  const fromDep = ts.isPropertyAccessExpression(callee) ? fromDependency(ctx, callee.expression) : undefined;
  if (fromDep) return fromDep;
  const rootName = ts.isIdentifier(root) ? root.text : ts.isPropertyAccessExpression(root) ? root.name.text : undefined;
  if (rootName && ctx.names.includes(rootName)) return rootName;
  if (rootName && ts.isPropertyAccessExpression(callee) && CLIENT_NAME.test(rootName)) {
    // Only when the name cannot be traced to something else (a project function, a literal).
    const d = ts.isIdentifier(root) ? lookup(ctx.cb, root) : undefined;
    if (!d || d.kind === 'parameter' || (d.kind === 'variable' && !d.init) || d.kind === 'external') return rootName;
  }
  return undefined;
}

/** Is the call's value waited for or handed back (so its outcome can reach the response)? */
function isUsed(call: ts.CallExpression, fn: ts.Node): boolean {
  for (let n: ts.Node = call; n !== fn && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isAwaitExpression(p) || ts.isReturnStatement(p) || ts.isVariableDeclaration(p) || ts.isBinaryExpression(p) || ts.isYieldExpression(p)) return true;
    if (ts.isArrowFunction(p) && p.body === n) return true;
    if (ts.isPropertyAccessExpression(p) && (p.name.text === 'then' || p.name.text === 'catch')) return true;
    if (ts.isExpressionStatement(p)) return false;
  }
  return false;
}

/** Project functions a body calls (for following up to two hops). */
function calledFunctions(ctx: Context, body: ts.Node): { call: ts.CallExpression; fn: ts.FunctionLikeDeclaration }[] {
  const out: { call: ts.CallExpression; fn: ts.FunctionLikeDeclaration }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      let fn = functionOf(ctx.cb, n.expression);
      const callee = unwrap(n.expression);
      if (!fn && ts.isPropertyAccessExpression(callee)) fn = methodOf(ctx, callee);
      if (fn) out.push({ call: n, fn });
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

/** `this.check()` / `client.ping()`: a method of the enclosing class or of an object literal. */
function methodOf(ctx: Context, access: ts.PropertyAccessExpression): ts.FunctionLikeDeclaration | undefined {
  const target = unwrap(access.expression);
  const name = access.name.text;
  if (target.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = findAncestor(access, ts.isClassDeclaration);
    return cls?.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name);
  }
  if (ts.isIdentifier(target)) {
    const d = lookup(ctx.cb, target);
    const init = d?.kind === 'variable' && d.init ? unwrap(d.init) : undefined;
    if (init && ts.isObjectLiteralExpression(init)) {
      for (const p of init.properties) {
        if (ts.isMethodDeclaration(p) && ts.isIdentifier(p.name) && p.name.text === name) return p;
        if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name) return functionOf(ctx.cb, p.initializer);
      }
    }
  }
  return undefined;
}

/** Finds dependency calls whose result is used, in `fn` and up to `hops` calls deep. */
function findDependencyCall(ctx: Context, fn: ts.FunctionLikeDeclaration, hops: number, seen = new Set<ts.Node>()): { call: ts.CallExpression; reaches: string } | undefined {
  if (!fn.body || seen.has(fn)) return undefined;
  seen.add(fn);
  let found: { call: ts.CallExpression; reaches: string } | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const reaches = dependencyOf(ctx, n);
      if (reaches && isUsed(n, fn)) {
        found = { call: n, reaches };
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  if (found || hops === 0) return found;
  for (const { call, fn: inner } of calledFunctions(ctx, fn.body)) {
    if (!isUsed(call, fn)) continue;
    const deeper = findDependencyCall(ctx, inner, hops - 1, seen);
    if (deeper) return { call, reaches: deeper.reaches };
  }
  return undefined;
}

/** Is an expression a constant as far as health goes: literals, dates, uptime, env? */
function isConstant(ctx: Context, expr: ts.Expression | undefined, depth = 0): boolean {
  if (!expr || depth > 6) return true;
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword || ts.isTemplateExpression(e) && e.templateSpans.every((s) => isConstant(ctx, s.expression, depth + 1))) return true;
  if (ts.isIdentifier(e) && e.text === 'undefined') return true;
  if (envName(ctx.cb, e)) return true;
  if (ts.isObjectLiteralExpression(e)) return e.properties.every((p) => (ts.isPropertyAssignment(p) ? isConstant(ctx, p.initializer, depth + 1) : ts.isShorthandPropertyAssignment(p) ? isConstant(ctx, p.name, depth + 1) : false));
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((el) => isConstant(ctx, el, depth + 1));
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Date') return true;
  if (ts.isCallExpression(e)) {
    const text = e.expression.getText();
    if (/^(Date\.now|process\.uptime|process\.hrtime|performance\.now|os\.\w+|new Date\(\)\.toISOString)$/.test(text) || /\.toISOString$/.test(text)) return true;
  }
  if (ts.isPropertyAccessExpression(e) && /^(process\.(env|version|pid)|pkg\.version|version)/.test(e.getText())) return true;
  if (ts.isIdentifier(e)) {
    const d = lookup(ctx.cb, e);
    if (d?.kind === 'variable' && d.init && ts.isVariableDeclarationList(d.node.parent) && d.node.parent.flags & ts.NodeFlags.Const) return isConstant(ctx, d.init, depth + 1);
  }
  return false;
}

const RESPONSE_METHODS = new Set(['status', 'sendStatus', 'json', 'send', 'code', 'end', 'text', 'body']);

/** Builds a response (`res.json(...)`, `Response.json(...)`, `new Response(...)`, `c.json(...)`). */
function isResponseCall(e: ts.Expression): e is ts.CallExpression | ts.NewExpression {
  if (ts.isNewExpression(e)) return ts.isIdentifier(e.expression) && /^(Response|NextResponse)$/.test(e.expression.text);
  if (!ts.isCallExpression(e)) return false;
  const callee = unwrap(e.expression);
  return ts.isPropertyAccessExpression(callee) && (RESPONSE_METHODS.has(callee.name.text) || /^(Response|NextResponse)$/.test(callee.expression.getText()));
}

/** A returned value, or the parts of a response built in place: its arguments and chained calls. */
function returnedParts(e: ts.Expression, out: ts.Expression[]): void {
  const x = unwrap(e);
  if (isResponseCall(x)) {
    out.push(...(x.arguments ?? []));
    // res.status(503).json(...): the status call earlier in the chain is part of the response.
    const inner = unwrap(x.expression);
    if (ts.isPropertyAccessExpression(inner) && ts.isCallExpression(unwrap(inner.expression))) returnedParts(inner.expression, out);
  } else if (!ts.isIdentifier(x) || !/^(res|reply|ctx|c|response)$/.test(x.text)) out.push(x);
}

/** The expressions that decide the response: status codes, bodies, returned values. */
function responseExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const out: ts.Expression[] = [];
  if (fn.body && !ts.isBlock(fn.body)) {
    returnedParts(fn.body, out);
    return out;
  }
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && n !== fn) return;
    if (ts.isReturnStatement(n) && n.expression) {
      returnedParts(n.expression, out);
      return;
    }
    if (ts.isExpressionStatement(n)) {
      const e = unwrap(ts.isAwaitExpression(n.expression) ? n.expression.expression : n.expression);
      if (isResponseCall(e)) {
        returnedParts(e, out);
        return;
      }
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && /^(status|body)$/.test(n.left.name.text)) out.push(n.right);
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return out;
}

/**
 * Decides what a health handler checks. `checks-dependencies`: within two call hops it waits
 * for a call into a dependency client, and its status or body depends on the outcome (a value
 * computed from it, a try/catch that answers differently, or the result returned). `weak`: it
 * calls a dependency but answers the same either way, or computes something that is not a
 * dependency. `returns-constant`: every answer is a literal, a date, uptime or env.
 */
export function classifyHealthHandler(cb: CodeBase, fn: ts.FunctionLikeDeclaration | undefined, dependencyClients: readonly string[] = []): HealthClassification {
  if (!fn) return { check: 'weak', reason: 'the handler could not be found in code' };
  const ctx: Context = { cb, names: dependencyClients };
  const dep = findDependencyCall(ctx, fn, 2);
  const responses = responseExpressions(fn);
  const constant = responses.every((r) => isConstant(ctx, r));
  if (!dep) {
    return constant
      ? { check: 'returns-constant', reason: 'every answer is a constant (literals, dates, uptime or env)' }
      : { check: 'weak', reason: 'it answers with computed values but calls no dependency client' };
  }
  const where = `${describeCall(dep.call)} (${dep.reaches})`;
  if (!constant) return { check: 'checks-dependencies', reason: `awaits ${where} and answers from the result` };
  // Constant answers can still differ: try { await db.query() ; return ok } catch { return 503 }.
  const tryStatement = findAncestor(dep.call, ts.isTryStatement);
  if (tryStatement?.catchClause && fn.body && tryStatement.pos >= fn.body.pos && tryStatement.end <= fn.body.end) {
    return { check: 'checks-dependencies', reason: `awaits ${where} and answers differently when it fails` };
  }
  return { check: 'weak', reason: `calls ${where} but answers the same whatever it returns` };
}

/** Paths that look like health checks. */
export const HEALTH_PATH = /(^|\/)(health|healthz|ready|readyz|readiness|live|livez|liveness|alive|status|ping|heartbeat)(\/|$)/i;
