import { ts } from 'ts-morph';
import type { HealthCheckClass } from '@deploy-plan/core';
import type { CodeBase } from './codebase';
import { isEnvRead } from './env';
import { envName, valuesOf } from './evaluate';
import { findAncestor, isFunctionWithBody, lookup, unwrap } from './scope';
import { forEachNode, type Frame, type Value, type Values } from './values';

/** Packages whose clients reach a dependency (a database, a cache, a queue, another service). */
const DEPENDENCY_PACKAGES = [
  /^pg$/,
  /^pg-promise$/,
  /^postgres$/,
  /^mysql2?(\/promise)?$/,
  /^mongodb$/,
  /^mongoose$/,
  /^ioredis$/,
  /^redis$/,
  /^@redis\//,
  /^@prisma\/client/,
  /^knex$/,
  /^typeorm$/,
  /^sequelize(-typescript)?$/,
  /^drizzle-orm/,
  /^@mikro-orm\//,
  /^axios$/,
  /^got$/,
  /^undici$/,
  /^node-fetch$/,
  /^ky$/,
  /^@aws-sdk\//,
  /^kafkajs$/,
  /^amqplib$/,
  /^bullmq$/,
  /^bull$/,
  /^@elastic\/elasticsearch$/,
  /^cassandra-driver$/,
  /^nats$/,
  /^@google-cloud\//,
  /^@azure\//,
  /^firebase-admin$/,
  /^@nestjs\/terminus$/,
  /^@nestjs\/typeorm$/,
  /^@nestjs\/mongoose$/,
  /^@nestjs\/axios$/,
  /^memcached$/,
  /^better-sqlite3$/,
  /^@planetscale\//,
  /^@neondatabase\//,
  /^@supabase\//,
  /^@upstash\//,
  /^openai$/,
  /^stripe$/,
  /^@grpc\/grpc-js$/,
  /^@clickhouse\/client$/,
  /^@libsql\/client$/,
  /^@vercel\/(postgres|kv)$/,
  /^kysely$/,
  /^slonik$/,
];

/** Names a dependency client usually has, used when its origin cannot be traced. */
const CLIENT_NAME = new RegExp(
  [
    '^(db|database|pool|prisma|redis|cache|knex|sequelize|datasource|dataSource|connection|mongo|mongoose',
    '|queue|producer|consumer|health|.*client|.*repository|.*repo|.*indicator)$',
  ].join(''),
  'i',
);

/** Terminus indicators that check a dependency (not disk or memory). */
const TERMINUS_DEPENDENCY = /(TypeOrm|Mongoose|Sequelize|MikroOrm|Prisma|Http|Microservice|GRPC|Redis)HealthIndicator$/;

/** The client package behind each terminus indicator that checks a dependency. */
const TERMINUS_CLIENTS: Record<string, string> = {
  TypeOrm: 'typeorm',
  Mongoose: 'mongoose',
  Sequelize: 'sequelize',
  MikroOrm: '@mikro-orm/core',
  Prisma: '@prisma/client',
  Http: '@nestjs/axios',
  Microservice: '@nestjs/microservices',
  GRPC: '@grpc/grpc-js',
  Redis: 'ioredis',
};

const MAX_HOPS = 4;

export interface HealthClassification {
  check: HealthCheckClass;
  reason: string;
  /** For `checks-dependencies` through a client: the packages (or client names) it reaches. */
  reaches?: string[];
}

interface Context {
  cb: CodeBase;
  values: Values;
  names: readonly string[];
}

const isDependencyPackage = (module: string) => DEPENDENCY_PACKAGES.some((re) => re.test(module));

/** What a value reaches when it is (or was made by, or is typed as) a dependency client. */
function dependencyOfValue(ctx: Context, v: Value, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  switch (v.kind) {
    case 'external':
      return isDependencyPackage(v.module) ? terminusCheck(v.module, v.path[0]) : undefined;
    case 'made':
      return isDependencyPackage(v.callee.module) ? v.callee.module : undefined;
    case 'member':
    case 'result':
      return dependencyOfValue(ctx, v.of, depth + 1);
    case 'typed':
      return typeOrigin(ctx, v.type);
    case 'parameter':
      return v.node.type ? typeOrigin(ctx, v.node.type) : undefined;
    case 'instance':
      return classOrigin(ctx, v.cls, depth);
    default:
      return undefined;
  }
}

function terminusCheck(module: string, imported: string | undefined): string | undefined {
  if (module !== '@nestjs/terminus' || !imported) return module;
  return TERMINUS_DEPENDENCY.test(imported) || imported === 'HealthCheckService' ? module : undefined;
}

/** A project class that extends a client (`class PrismaService extends PrismaClient`). */
function classOrigin(ctx: Context, cls: ts.ClassLikeDeclaration, depth: number): string | undefined {
  const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const base = clause?.types[0]?.expression;
  if (!base) return undefined;
  for (const v of ctx.values.of(base)) {
    const found =
      v.kind === 'node' && ts.isClassLike(v.node)
        ? classOrigin(ctx, v.node, depth + 1)
        : dependencyOfValue(ctx, v, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `pool: Pool` / `private readonly db: TypeOrmHealthIndicator`: the package the type comes from. */
function typeOrigin(ctx: Context, type: ts.TypeNode): string | undefined {
  if (!ts.isTypeReferenceNode(type)) return undefined;
  const name = ts.isIdentifier(type.typeName)
    ? type.typeName
    : ts.isQualifiedName(type.typeName)
      ? leftmost(type.typeName)
      : undefined;
  if (!name) return undefined;
  const d = lookup(ctx.cb, name);
  if (d?.kind === 'external' && isDependencyPackage(d.module)) return terminusCheck(d.module, d.imported);
  if (d?.kind === 'class') return classOrigin(ctx, d.node, 0);
  return undefined;
}

/** The terminus class a value is (or is typed as): `TypeOrmHealthIndicator` for `this.db`. */
function terminusClass(ctx: Context, v: Value, depth = 0): string | undefined {
  const imported = (d: ReturnType<typeof lookup>) =>
    d?.kind === 'external' && d.module === '@nestjs/terminus' ? d.imported : undefined;
  const typed = (type: ts.TypeNode | undefined) =>
    type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)
      ? imported(lookup(ctx.cb, type.typeName))
      : undefined;
  if (depth > 4) return undefined;
  if (v.kind === 'external') return v.module === '@nestjs/terminus' ? v.path[0] : undefined;
  if (v.kind === 'typed') return typed(v.type);
  if (v.kind === 'parameter') return typed(v.node.type);
  if (v.kind === 'member' || v.kind === 'result') return terminusClass(ctx, v.of, depth + 1);
  return undefined;
}

/**
 * The clients a terminus `health.check([...])` reaches through its indicators
 * (`() => this.db.pingCheck('database')` reaches typeorm); disk and memory checks reach none.
 */
function terminusClients(ctx: Context, check: ts.CallExpression, frame: Frame | undefined): string[] {
  const found = new Set<string>();
  for (const arg of check.arguments) {
    forEachNode(arg, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return true;
      for (const v of ctx.values.of(n.expression.expression, frame)) {
        const kind = TERMINUS_DEPENDENCY.exec(terminusClass(ctx, v) ?? '')?.[1];
        if (kind) found.add(TERMINUS_CLIENTS[kind]);
      }
      return true;
    });
  }
  return [...found];
}

function leftmost(name: ts.QualifiedName): ts.Identifier {
  let n: ts.EntityName = name;
  while (ts.isQualifiedName(n)) n = n.left;
  return n;
}

/** The leftmost name of a call's receiver chain: `this.db.query` -> `db`, `pool.query` -> `pool`. */
function receiverRootName(expr: ts.Expression): string | undefined {
  let e = unwrap(expr);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) {
    const inner = unwrap(e.expression);
    if (ts.isPropertyAccessExpression(e) && inner.kind === ts.SyntaxKind.ThisKeyword) return e.name.text;
    e = inner;
  }
  return ts.isIdentifier(e) ? e.text : undefined;
}

/** A readable name of a call: `db.query(...)`. */
function describeCall(call: ts.CallExpression | ts.PropertyAccessExpression): string {
  const short = (text: string) => (text.length > 40 ? `${text.slice(0, 37)}...` : text);
  if (!ts.isCallExpression(call)) return short(call.getText().replace(/\s+/g, ''));
  return `${short(call.expression.getText().replace(/\s+/g, ''))}(...)`;
}

/** Is this call a dependency call? Returns what it reaches. */
function dependencyOf(ctx: Context, call: ts.CallExpression, frame: Frame | undefined): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'fetch') return 'fetch';
  const target =
    ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : callee;
  for (const v of ctx.values.of(target, frame)) {
    const found = dependencyOfValue(ctx, v);
    if (found) return found;
  }
  const rootName = receiverRootName(callee);
  if (rootName && ctx.names.includes(rootName)) return rootName;
  if (rootName && target !== callee && CLIENT_NAME.test(rootName)) {
    // Only when the name cannot be traced to something of the project (a function, a literal).
    const traced = ctx.values.of(target, frame).some((v) => v.kind === 'node' || v.kind === 'instance');
    if (!traced) return rootName;
  }
  return undefined;
}

/** Properties that tell a client's connection state: `connection.readyState`, `redis.status`. */
const CONNECTION_STATE = /^(readyState|status|state|isConnected|connected|isReady|ready|isOpen|totalCount|idleCount)$/;

function isConnectionState(n: ts.Node): n is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(n) && CONNECTION_STATE.test(n.name.text) && !ts.isCallExpression(n.parent);
}

/** The client whose connection state a property read tells (`mongoose.connection.readyState`). */
function stateOf(ctx: Context, n: ts.PropertyAccessExpression, frame: Frame | undefined): string | undefined {
  for (const v of ctx.values.of(n.expression, frame)) {
    const found = dependencyOfValue(ctx, v);
    if (found) return found;
  }
  return undefined;
}

/** Is the call's value waited for or handed back (so its outcome can reach the response)? */
function isUsed(call: ts.Node, fn: ts.Node): boolean {
  for (let n: ts.Node = call; n !== fn && n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isAwaitExpression(p) || ts.isReturnStatement(p) || ts.isVariableDeclaration(p) || ts.isYieldExpression(p))
      return true;
    if (ts.isBinaryExpression(p) || ts.isIfStatement(p) || ts.isConditionalExpression(p) || ts.isSpreadElement(p))
      return true;
    if (ts.isArrowFunction(p) && p.body === n) return true;
    if (ts.isPropertyAccessExpression(p) && (p.name.text === 'then' || p.name.text === 'catch')) return true;
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
      // Promise.all([...]) and a helper that receives the promise pass it on.
      continue;
    }
    if (ts.isArrayLiteralExpression(p) || ts.isPropertyAssignment(p) || ts.isObjectLiteralExpression(p)) continue;
    if (ts.isExpressionStatement(p)) return false;
  }
  return false;
}

/** Project functions a body calls, with the frame each runs in. */
function calledFunctions(
  ctx: Context,
  body: ts.Node,
  frame: Frame | undefined,
): { call: ts.CallExpression; fn: ts.FunctionLikeDeclaration; frame?: Frame }[] {
  const out: { call: ts.CallExpression; fn: ts.FunctionLikeDeclaration; frame?: Frame }[] = [];
  forEachNode(body, (n) => {
    if (!ts.isCallExpression(n)) return true;
    const callee = unwrap(n.expression);
    for (const v of ctx.values.of(callee, frame)) {
      if (v.kind === 'node' && isFunctionWithBody(v.node)) {
        out.push({ call: n, fn: v.node, frame: ctx.values.callFrame(v.node, n, callee, v, frame) });
        break;
      }
    }
    return true;
  });
  return out;
}

interface DependencyPath {
  /** The calls from the handler down to the dependency call. */
  calls: { call: ts.CallExpression; fn: ts.FunctionLikeDeclaration }[];
  reaches: string;
}

/** Finds a used dependency call in `fn` or up to `hops` calls deep. */
function findDependencyPath(
  ctx: Context,
  fn: ts.FunctionLikeDeclaration,
  frame: Frame | undefined,
  hops: number,
  seen: Set<ts.Node>,
): DependencyPath | undefined {
  if (!fn.body || seen.has(fn)) return undefined;
  seen.add(fn);
  let found: DependencyPath | undefined;
  forEachNode(fn.body, (n) => {
    if (found) return false;
    if ((ts.isCallExpression(n) || isConnectionState(n)) && isUsed(n, fn)) {
      const reaches = ts.isCallExpression(n) ? dependencyOf(ctx, n, frame) : stateOf(ctx, n, frame);
      if (reaches) found = { calls: [{ call: n as ts.CallExpression, fn }], reaches };
    }
    return !found;
  });
  if (found || hops === 0) return found;
  for (const inner of calledFunctions(ctx, fn.body, frame)) {
    if (!isUsed(inner.call, fn)) continue;
    const deeper = findDependencyPath(ctx, inner.fn, inner.frame, hops - 1, seen);
    if (deeper) return { calls: [{ call: inner.call, fn }, ...deeper.calls], reaches: deeper.reaches };
  }
  return undefined;
}

/** How a failure of `call` inside `fn` is handled: caught and ignored, answered, or propagated. */
function failureHandling(call: ts.Node, fn: ts.Node): 'swallowed' | 'answered' | 'propagates' {
  for (let n: ts.Node | undefined = call.parent; n && n !== fn; n = n.parent) {
    if (ts.isTryStatement(n) && n.catchClause && isInside(call, n.tryBlock)) {
      // The outcome shows when the catch answers or records it, or the try answers or records
      // that the call succeeded (`checks.database = true`) for the answer to use.
      return records(n.catchClause.block) || records(n.tryBlock) ? 'answered' : 'swallowed';
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'catch') {
      // .catch(() => false): the failure becomes a value the handler answers from.
      const [handler] = n.arguments;
      const empty =
        handler && isFunctionWithBody(handler) && handler.body && ts.isBlock(handler.body) && !records(handler.body);
      return empty ? 'swallowed' : 'answered';
    }
  }
  return 'propagates';
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

const RESPONSE_NAME = /^(res|reply|response|ctx|c)$/;

/**
 * Does a block answer something: return, throw, a response call, `next(error)`, or a helper
 * handed the response (`handleErrors(res, error)`)?
 */
function answers(block: ts.Node): boolean {
  let found = false;
  forEachNode(block, (n) => {
    if (found || (isFunctionWithBody(n) && n !== block)) return false;
    if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) found = true;
    else if (ts.isCallExpression(n) && (isResponseCall(n) || passesResponse(n))) found = true;
    return !found;
  });
  return found;
}

/** Does a block answer, or record something the answer can use (an assignment, a declaration)? */
function records(block: ts.Node): boolean {
  if (answers(block)) return true;
  let found = false;
  forEachNode(block, (n) => {
    if (found || (isFunctionWithBody(n) && n !== block)) return false;
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    )
      found = true;
    else if (ts.isVariableDeclaration(n) && n.initializer) found = true;
    return !found;
  });
  return found;
}

function passesResponse(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'next' && call.arguments.length) return true;
  return call.arguments.some((a) => {
    const e = unwrap(a);
    return ts.isIdentifier(e) && RESPONSE_NAME.test(e.text);
  });
}

/**
 * The handler a wrapper delegates to: `async (req, res) => { try { await handler(req, res) } catch ... }`
 * made by a controller base class or an error-handling helper. Followed up to three wrappers.
 */
function delegate(
  ctx: Context,
  fn: ts.FunctionLikeDeclaration,
  frame: Frame | undefined,
): { fn: ts.FunctionLikeDeclaration; frame?: Frame } {
  let current: { fn: ts.FunctionLikeDeclaration; frame?: Frame } = { fn, frame };
  for (let i = 0; i < 3; i++) {
    const params = current.fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')).filter(Boolean);
    if (params.length < 1) break;
    let next: { fn: ts.FunctionLikeDeclaration; frame?: Frame } | undefined;
    forEachNode(current.fn.body, (n) => {
      if (next || (isFunctionWithBody(n) && n !== current.fn)) return false;
      if (!ts.isCallExpression(n)) return true;
      const passes =
        n.arguments.length > 0 &&
        n.arguments.every((a, k) => ts.isIdentifier(unwrap(a)) && (unwrap(a) as ts.Identifier).text === params[k]);
      if (!passes) return true;
      const callee = unwrap(n.expression);
      const target = ctx.values.of(callee, current.frame).find((v) => v.kind === 'node' && isFunctionWithBody(v.node));
      if (target?.kind === 'node')
        next = {
          fn: target.node as ts.FunctionLikeDeclaration,
          frame: ctx.values.callFrame(target.node as ts.FunctionLikeDeclaration, n, callee, target, current.frame),
        };
      return !next;
    });
    if (!next) break;
    current = next;
  }
  return current;
}

/** A dependency call in the handler whose outcome nothing waits for (`void pool.query(...)`). */
function unusedDependencyCall(
  ctx: Context,
  fn: ts.FunctionLikeDeclaration,
  frame: Frame | undefined,
): { call: ts.CallExpression; reaches: string } | undefined {
  let found: { call: ts.CallExpression; reaches: string } | undefined;
  forEachNode(fn.body, (n) => {
    if (found || (isFunctionWithBody(n) && n !== fn)) return false;
    if (ts.isCallExpression(n)) {
      const reaches = dependencyOf(ctx, n, frame);
      if (reaches) found = { call: n, reaches };
    }
    return !found;
  });
  return found;
}

/**
 * An awaited call inside a try whose catch answers (something the handler checks, even when its
 * client could not be traced: `await req.storage.healthcheck()` then 503 in the catch).
 */
function awaitedInAnsweringTry(fn: ts.FunctionLikeDeclaration): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  forEachNode(fn.body, (n) => {
    if (found || (isFunctionWithBody(n) && n !== fn)) return false;
    if (!ts.isTryStatement(n) || !n.catchClause || !answers(n.catchClause.block)) return true;
    forEachNode(n.tryBlock, (m) => {
      if (found || isFunctionWithBody(m)) return false;
      if (ts.isAwaitExpression(m) && ts.isCallExpression(unwrap(m.expression)))
        found = unwrap(m.expression) as ts.CallExpression;
      return !found;
    });
    return !found;
  });
  return found;
}

/** Is an expression read from the request (a parameter of the handler): `req.params.id`, `c.get('id')`? */
function fromRequest(ctx: Context, e: ts.Expression): boolean {
  let root = e;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isCallExpression(root))
    root = unwrap(root.expression);
  if (!ts.isIdentifier(root) || root === e) return false;
  return lookup(ctx.cb, root)?.kind === 'parameter';
}

/** Is an expression a constant as far as health goes: literals, dates, uptime, env, the request? */
function isConstant(ctx: Context, expr: ts.Expression | undefined, depth = 0): boolean {
  if (!expr || depth > 6) return true;
  const e = unwrap(expr);
  if (
    ts.isStringLiteralLike(e) ||
    ts.isNumericLiteral(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword
  )
    return true;
  if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined')) return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => isConstant(ctx, s.expression, depth + 1));
  if (envName(ctx.cb, e) || isEnvRead(ctx.cb, e) || fromRequest(ctx, e)) return true;
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.every((p) =>
      ts.isPropertyAssignment(p)
        ? isConstant(ctx, p.initializer, depth + 1)
        : ts.isShorthandPropertyAssignment(p)
          ? isConstant(ctx, p.name, depth + 1)
          : false,
    );
  }
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((el) => isConstant(ctx, el, depth + 1));
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Date') return true;
  // new NotImplementedError('...'), new HttpException('ok', 200): built from constants only.
  if (ts.isNewExpression(e)) return (e.arguments ?? []).every((a) => isConstant(ctx, a, depth + 1));
  // error.statusCode of such an object
  if (
    ts.isPropertyAccessExpression(e) &&
    ts.isIdentifier(e.expression) &&
    lookup(ctx.cb, e.expression)?.kind === 'variable'
  ) {
    if (isConstant(ctx, e.expression, depth + 1)) return true;
  }
  if (ts.isCallExpression(e)) {
    const text = e.expression.getText();
    if (
      /^(Date\.now|process\.uptime|process\.hrtime|performance\.now|os\.\w+|new Date\(\)\.toISOString)$/.test(text) ||
      /\.toISOString$/.test(text)
    )
      return true;
  }
  if (ts.isPropertyAccessExpression(e) && /^(process\.(env|version|pid)|pkg\.version|version)/.test(e.getText()))
    return true;
  if (ts.isIdentifier(e)) {
    const d = lookup(ctx.cb, e);
    if (
      d?.kind === 'variable' &&
      d.init &&
      ts.isVariableDeclarationList(d.node.parent) &&
      d.node.parent.flags & ts.NodeFlags.Const
    ) {
      return isConstant(ctx, d.init, depth + 1);
    }
  }
  return false;
}

const RESPONSE_METHODS = new Set(['status', 'sendStatus', 'json', 'send', 'code', 'end', 'text', 'body']);

/** Builds a response (`res.json(...)`, `Response.json(...)`, `new Response(...)`, `c.json(...)`). */
function isResponseCall(e: ts.Expression): e is ts.CallExpression | ts.NewExpression {
  if (ts.isNewExpression(e))
    return ts.isIdentifier(e.expression) && /^(Response|NextResponse)$/.test(e.expression.text);
  if (!ts.isCallExpression(e)) return false;
  const callee = unwrap(e.expression);
  return (
    ts.isPropertyAccessExpression(callee) &&
    (RESPONSE_METHODS.has(callee.name.text) || /^(Response|NextResponse)$/.test(callee.expression.getText()))
  );
}

/** A returned value, or the parts of a response built in place: its arguments and chained calls. */
function returnedParts(e: ts.Expression, out: ts.Expression[]): void {
  const x = unwrap(e);
  if (isResponseCall(x)) {
    out.push(...(x.arguments ?? []));
    // res.status(503).json(...): the status call earlier in the chain is part of the response.
    const inner = unwrap(x.expression);
    if (ts.isPropertyAccessExpression(inner) && ts.isCallExpression(unwrap(inner.expression)))
      returnedParts(inner.expression, out);
  } else if (!ts.isIdentifier(x) || !/^(res|reply|ctx|c|response)$/.test(x.text)) out.push(x);
}

/** The expressions that decide the response: status codes, bodies, returned values. */
function responseExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const out: ts.Expression[] = [];
  if (fn.body && !ts.isBlock(fn.body)) {
    returnedParts(fn.body, out);
    return out;
  }
  forEachNode(fn.body, (n) => {
    if (isFunctionWithBody(n) && n !== fn) return false;
    if (ts.isReturnStatement(n) && n.expression) {
      returnedParts(n.expression, out);
      return false;
    }
    if (ts.isExpressionStatement(n)) {
      const e = unwrap(n.expression);
      if (isResponseCall(e)) {
        returnedParts(e, out);
        return false;
      }
    }
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(n.left) &&
      /^(status|body)$/.test(n.left.name.text)
    ) {
      out.push(n.right);
    }
    return true;
  });
  return out;
}

/** Does the handler answer by throwing (an error status) somewhere in its own body? */
function throws(fn: ts.FunctionLikeDeclaration): boolean {
  let found = false;
  forEachNode(fn.body, (n) => {
    if (found || (isFunctionWithBody(n) && n !== fn)) return false;
    if (ts.isThrowStatement(n)) found = true;
    return !found;
  });
  return found;
}

/**
 * Decides what a health handler checks. `checks-dependencies`: within four call hops it waits
 * for a call into a dependency client, and its answer depends on the outcome: a value computed
 * from it, a catch that answers differently, or a failure that propagates (or is thrown) as an
 * error response. `weak`: it calls a dependency but answers the same either way (the call is
 * not awaited, or its failure is caught and ignored), or computes something that is not a
 * dependency. `returns-constant`: every answer is a literal, a date, uptime or env.
 */
export function classifyHealthHandler(
  cb: CodeBase,
  handler: ts.FunctionLikeDeclaration | undefined,
  dependencyClients: readonly string[] = [],
  handlerFrame?: Frame,
): HealthClassification {
  let fn = handler;
  let frame = handlerFrame;
  if (!fn) return { check: 'weak', reason: 'the handler could not be found in code' };
  const ctx: Context = { cb, values: valuesOf(cb), names: dependencyClients };
  ({ fn, frame } = delegate(ctx, fn, frame));
  const dep = findDependencyPath(ctx, fn, frame, MAX_HOPS, new Set());
  const responses = responseExpressions(fn);
  const constant = responses.every((r) => isConstant(ctx, r));
  if (!dep) {
    const fired = unusedDependencyCall(ctx, fn, frame);
    if (fired)
      return {
        check: 'weak',
        reason: `calls ${describeCall(fired.call)} (${fired.reaches}) without waiting for it, so it answers the same`,
      };
    const guarded = awaitedInAnsweringTry(fn);
    if (guarded)
      return {
        check: 'checks-dependencies',
        reason: `awaits ${describeCall(guarded)} and answers differently when it fails`,
      };
    return constant && !throws(fn)
      ? { check: 'returns-constant', reason: 'every answer is a constant (literals, dates, uptime or env)' }
      : { check: 'weak', reason: 'it answers with computed values but calls no dependency client' };
  }
  const first = dep.calls[0];
  const last = dep.calls[dep.calls.length - 1];
  const clients = dep.reaches === '@nestjs/terminus' ? terminusClients(ctx, last.call, frame) : [];
  const reaches = clients.length ? clients : [dep.reaches];
  const reached = `${describeCall(last.call)} (${reaches.join(', ')})`;
  const where = first === last ? reached : `${describeCall(first.call)}, which reaches ${reached}`;
  const pause = first === last ? '' : ',';
  const handling = dep.calls.map(({ call, fn: owner }) => failureHandling(call, owner));
  if (handling.includes('swallowed')) {
    return { check: 'weak', reason: `calls ${where}${pause} but catches its failure and answers the same` };
  }
  if (!constant)
    return { check: 'checks-dependencies', reason: `awaits ${where}${pause} and answers from the result`, reaches };
  if (handling.includes('answered') || throws(fn)) {
    const reason = `awaits ${where}${pause} and answers differently when it fails`;
    return { check: 'checks-dependencies', reason, reaches };
  }
  return {
    check: 'checks-dependencies',
    reason: `awaits ${where}; a failure propagates as an error response`,
    reaches,
  };
}

/** Paths that look like health checks. */
export const HEALTH_PATH =
  /(^|\/)(healthz?|healthcheck|_health|readyz?|readiness|livez?|liveness|alive|status|ping|heartbeat)(\/|$)/i;

export { findAncestor };
