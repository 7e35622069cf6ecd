import * as path from 'node:path';
import { ts } from 'ts-morph';
import { joinPaths, type StringValue } from '../evaluate';
import { findAncestor, unwrap } from '../scope';
import type { Frame, Value } from '../values';
import { propertyOf, receiverOf, type RouteContext } from './context';
import { EMPTY, type FoundRoute } from './model';

const PROCEDURE_METHODS = new Map([
  ['query', 'GET'],
  ['mutation', 'POST'],
  ['subscription', 'GET'],
]);
const ADAPTERS = new Map([
  ['createExpressMiddleware', 'router'],
  ['createHTTPHandler', 'router'],
  ['createNextApiHandler', 'router'],
  ['fetchRequestHandler', 'router'],
  ['fastifyTRPCPlugin', 'trpcOptions'],
  ['createKoaMiddleware', 'router'],
]);

interface Procedure {
  path: string;
  method: string;
  call: ts.CallExpression;
  handler?: ts.FunctionLikeDeclaration;
}

/** Does a value come from @trpc/server (a router factory, `t.router`, a procedure builder)? */
function fromTrpc(v: Value, depth = 0): boolean {
  if (depth > 8) return false;
  if (v.kind === 'external') return v.module.startsWith('@trpc/server');
  if (v.kind === 'made') return v.callee.module.startsWith('@trpc/server');
  if (v.kind === 'member' || v.kind === 'result') return fromTrpc(v.of, depth + 1);
  return false;
}

/**
 * tRPC: procedures (`.query()` on GET, `.mutation()` on POST) of `router({...})` trees, nested
 * routers as dotted paths, served where an adapter mounts the router: Express/Koa middleware
 * under its `use` path, Fastify's plugin under its prefix, Next.js API and fetch handlers at
 * their route or `endpoint`.
 */
export function trpcRoutes(ctx: RouteContext): FoundRoute[] {
  const out: FoundRoute[] = [];
  for (const [adapter, option] of ADAPTERS) {
    for (const call of ctx.cb.callsNamed(adapter)) {
      ctx.cb.guard(call, () => out.push(...adapterRoutes(ctx, call, adapter, option)), undefined);
    }
  }
  return out;
}

function adapterRoutes(
  ctx: RouteContext,
  call: ts.CallExpression | ts.NewExpression,
  adapter: string,
  option: string,
): FoundRoute[] {
  if (!ts.isCallExpression(call) && adapter !== 'fastifyTRPCPlugin') return [];
  if (!ctx.values.of(unwrap(call.expression)).some((v) => fromTrpc(v))) return [];
  if (adapter === 'fastifyTRPCPlugin') return fastifyPlugin(ctx, call);
  const options = ctx.objectLiteral(call.arguments?.[0]);
  const routerExpr = options && propertyOf(options.node, option);
  if (!routerExpr) return [];
  const procedures = proceduresOf(ctx, routerExpr, options.frame);
  if (adapter === 'createNextApiHandler') return served(ctx, procedures, nextApiBase(ctx, call));
  if (adapter === 'fetchRequestHandler')
    return served(ctx, procedures, ctx.paths(propertyOf(options.node, 'endpoint'), options.frame));
  // app.use('/trpc', createExpressMiddleware(...)): registrations on the app's tree.
  const use = findAncestor(call, ts.isCallExpression);
  const receiver = use && receiverOf(use);
  const routers = receiver ? ctx.routersOf(receiver) : [];
  const prefix =
    use && use.arguments[0] !== call && use.arguments.indexOf(call) > 0 ? ctx.path(use.arguments[0]) : EMPTY;
  for (const router of routers) {
    for (const p of procedures) {
      ctx.model.register({
        router,
        method: p.method,
        path: {
          text: joinPaths(prefix.text, p.path),
          confidence: prefix.confidence === 'literal' ? 'resolved' : prefix.confidence,
        },
        site: ctx.cb.site(p.call),
        handler: p.handler,
      });
    }
  }
  return [];
}

/** `app.register(fastifyTRPCPlugin, { prefix, trpcOptions: { router } })`. */
function fastifyPlugin(ctx: RouteContext, ref: ts.Node): FoundRoute[] {
  const register = findAncestor(ref, ts.isCallExpression);
  if (!register) return [];
  const options = ctx.objectLiteral(register.arguments[1]);
  const trpcOptions = options && ctx.objectLiteral(propertyOf(options.node, 'trpcOptions'), options.frame);
  const routerExpr = trpcOptions && propertyOf(trpcOptions.node, 'router');
  if (!routerExpr) return [];
  const prefix = options ? ctx.path(propertyOf(options.node, 'prefix'), options.frame) : EMPTY;
  const receiver = receiverOf(register);
  for (const router of receiver ? ctx.routersOf(receiver) : []) {
    for (const p of proceduresOf(ctx, routerExpr, trpcOptions.frame)) {
      ctx.model.register({
        router,
        method: p.method,
        path: { text: joinPaths(prefix.text, p.path), confidence: 'resolved' },
        site: ctx.cb.site(p.call),
        handler: p.handler,
      });
    }
  }
  return [];
}

/** `pages/api/trpc/[trpc].ts`: the folder is the endpoint. */
function nextApiBase(ctx: RouteContext, call: ts.Node): StringValue[] {
  const rel = path.relative(ctx.cb.projectDir, call.getSourceFile().fileName).split(path.sep);
  const parts = rel[0] === 'src' ? rel.slice(1) : rel;
  if (parts[0] !== 'pages') return [EMPTY];
  return [{ text: joinPaths(...parts.slice(1, -1)), confidence: 'literal' }];
}

function served(ctx: RouteContext, procedures: Procedure[], bases: StringValue[]): FoundRoute[] {
  return bases.flatMap((base) =>
    procedures.map((p) => ({
      method: p.method,
      path: joinPaths(base.text, p.path),
      confidence: base.confidence === 'literal' ? ('resolved' as const) : base.confidence,
      framework: 'trpc' as const,
      site: ctx.cb.site(p.call),
      handler: p.handler,
    })),
  );
}

/** Every procedure of a router expression, with its dotted path. */
function proceduresOf(
  ctx: RouteContext,
  expr: ts.Expression,
  frame: Frame | undefined,
  prefix = '',
  depth = 0,
): Procedure[] {
  if (depth > 8) return [];
  const out: Procedure[] = [];
  for (const v of ctx.values.of(expr, frame)) {
    if (v.kind !== 'result' || !fromTrpc(v)) continue;
    if (v.name === 'router' || v.name === 'createTRPCRouter') {
      const obj = ctx.objectLiteral(v.call.arguments[0], v.frame);
      if (obj) out.push(...proceduresOfObject(ctx, obj.node, obj.frame, prefix, depth));
    } else if (v.name === 'mergeRouters') {
      for (const arg of v.call.arguments) out.push(...proceduresOf(ctx, arg, v.frame, prefix, depth + 1));
    }
  }
  return out;
}

function proceduresOfObject(
  ctx: RouteContext,
  obj: ts.ObjectLiteralExpression,
  frame: Frame | undefined,
  prefix: string,
  depth: number,
): Procedure[] {
  const out: Procedure[] = [];
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) continue;
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (!name) continue;
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (!value) continue;
    const full = prefix ? `${prefix}.${name}` : name;
    const procedure = procedureCall(ctx, value, frame);
    if (procedure) {
      const [fn] = ctx.functionsOf(procedure.call.arguments[0], frame);
      out.push({ path: full, method: procedure.method, call: procedure.call, handler: fn?.fn });
    } else out.push(...proceduresOf(ctx, value, frame, full, depth + 1));
  }
  return out;
}

function procedureCall(
  ctx: RouteContext,
  expr: ts.Expression,
  frame: Frame | undefined,
): { call: ts.CallExpression; method: string } | undefined {
  const e = unwrap(expr);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression))) {
    const method = PROCEDURE_METHODS.get((unwrap(e.expression) as ts.PropertyAccessExpression).name.text);
    if (method) return { call: e, method };
  }
  for (const v of ctx.values.of(e, frame)) {
    if (v.kind === 'result' && PROCEDURE_METHODS.has(v.name) && fromTrpc(v))
      return { call: v.call, method: PROCEDURE_METHODS.get(v.name)! };
  }
  return undefined;
}
