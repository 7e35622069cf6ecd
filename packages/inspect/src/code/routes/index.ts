import { ts } from 'ts-morph';
import type { CodeBase } from '../codebase';
import { unwrap } from '../scope';
import { HTTP_METHODS, methodNames, receiverOf, RouteContext, type ImperativeFramework } from './context';
import { express, routeChain } from './express';
import { fastify } from './fastify';
import { hono } from './hono';
import { koa } from './koa';
import { RouteModel, type FoundRoute } from './model';
import { nestRoutes } from './nestjs';
import { nextRoutes } from './nextjs';
import { routingControllersRoutes } from './routing-controllers';
import { trpcRoutes } from './trpc';
import { wrapperRoutes, type RouteWrapper } from './wrappers';

export type { FoundRoute, Framework } from './model';
export type { RouteWrapper } from './wrappers';

/** Frameworks whose routes hang off router instances (one module each, the same slots). */
const IMPERATIVE: readonly ImperativeFramework[] = [express, fastify, koa, hono];

/** Method names any imperative framework reads; other calls are not looked at. */
const INTERESTING = new Set([...HTTP_METHODS, 'use', 'route', 'register', 'openapi', 'on', 'prefix']);
const MOUNT_NAMES = new Set(['use', 'route', 'register', 'prefix']);

export interface RoutesResult {
  routes: FoundRoute[];
  /** Calls that look like route registrations on something not understood. */
  unknownSites: ReturnType<CodeBase['site']>[];
}

/**
 * Every route of the project, from every framework it uses, sorted by path and method. Each
 * framework (and each call site) runs guarded: what throws becomes an inspection failure at
 * that place, and the rest is still reported.
 */
export function findRoutes(cb: CodeBase, wrappers: readonly RouteWrapper[] = []): RoutesResult {
  const model = new RouteModel();
  const ctx = new RouteContext(cb, model);
  ctx.use(IMPERATIVE);
  const calls = candidateCalls(cb);
  // Mounts first (plugins and routers registered inside other plugins need their parents), then all.
  for (let pass = 0; pass < 6; pass++) {
    const before = `${model.routers.size}/${model.mounts.length}`;
    for (const call of calls) if (callNames(call).some((n) => MOUNT_NAMES.has(n))) scanCall(ctx, call, true);
    if (`${model.routers.size}/${model.mounts.length}` === before) break;
  }
  for (const call of calls) scanCall(ctx, call, false);
  cb.guard(cb.projectDir, () => trpcRoutes(ctx).forEach((r) => model.direct.push(r)), undefined);
  cb.guard(cb.projectDir, () => model.direct.push(...nestRoutes(ctx)), undefined);
  cb.guard(cb.projectDir, () => model.direct.push(...routingControllersRoutes(ctx)), undefined);
  cb.guard(cb.projectDir, () => model.direct.push(...nextRoutes(ctx)), undefined);
  cb.guard(cb.projectDir, () => model.direct.push(...wrapperRoutes(ctx, wrappers)), undefined);
  const routes = cb.guard(cb.projectDir, () => model.routes(), [] as FoundRoute[]);
  return { routes: sortRoutes(routes), unknownSites: model.unknownSites };
}

function callNames(call: ts.CallExpression): string[] {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return [callee.name.text];
  return [];
}

/** Method calls whose name an imperative framework reads, and `x[expr](...)` calls. */
function candidateCalls(cb: CodeBase): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  for (const module of cb.modules.values()) {
    for (const call of module.calls) {
      if (!ts.isCallExpression(call)) continue;
      const callee = unwrap(call.expression);
      if (ts.isPropertyAccessExpression(callee) && INTERESTING.has(callee.name.text.toLowerCase())) out.push(call);
      else if (ts.isElementAccessExpression(callee) && !ts.isStringLiteralLike(callee.argumentExpression))
        out.push(call);
    }
  }
  return out;
}

function scanCall(ctx: RouteContext, call: ts.CallExpression, mountsOnly: boolean): void {
  ctx.cb.guard(
    call,
    () => {
      const receiver = receiverOf(call);
      if (!receiver) return;
      let understood = false;
      for (const frame of ctx.framesFor(call)) {
        if (!mountsOnly && routeChain(ctx, call, frame)) {
          understood = true;
          continue;
        }
        const names = methodNames(ctx, call, frame);
        if (!names.length) continue;
        for (const router of ctx.routersOf(receiver, frame)) {
          understood = true;
          const relevant = mountsOnly ? names.filter((n) => MOUNT_NAMES.has(n)) : names;
          if (relevant.length) ctx.framework(router)?.onCall(ctx, { call, names: relevant, router, frame, mountsOnly });
        }
      }
      if (!mountsOnly && !understood && looksLikeRoute(ctx, call, receiver))
        ctx.model.unknownSites.push(ctx.cb.site(call));
    },
    undefined,
  );
}

/**
 * `x.get('/path', handler)` on something that is not a known router, and not a client or a map
 * either: a route registration in a way not understood (a router from an unfollowed factory).
 */
function looksLikeRoute(ctx: RouteContext, call: ts.CallExpression, receiver: ts.Expression): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !HTTP_METHODS.has(callee.name.text.toLowerCase())) return false;
  if (call.arguments.length < 2) return false;
  const first = unwrap(call.arguments[0]);
  if (!(ts.isStringLiteralLike(first) && first.text.startsWith('/'))) return false;
  if (!ctx.handlerOf(call.arguments.slice(1)).fn) return false;
  // A client (axios.get, this.http.get), a map or cache: its value comes from a package or the project.
  const values = ctx.values.of(receiver);
  return values.every((v) => v.kind === 'parameter');
}

function sortRoutes(routes: FoundRoute[]): FoundRoute[] {
  const seen = new Set<string>();
  return routes
    .filter((r) => {
      const key = `${r.method} ${r.path} ${r.site.file}:${r.site.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0,
    );
}
