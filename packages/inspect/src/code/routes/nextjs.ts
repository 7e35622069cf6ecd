import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { ModuleInfo } from '../codebase';
import { joinPaths, type StringValue } from '../evaluate';
import type { Value } from '../values';
import type { RouteContext } from './context';
import { EMPTY, type FoundRoute } from './model';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const CONFIG = /^next\.config\.(js|mjs|cjs|ts|mts)$/;

/** A URL segment of a folder name: groups and slots vanish, `[id]` is `:id`, `[...all]` is `*`. */
function segment(name: string): string | undefined {
  if (/^\(.*\)$/.test(name) || name.startsWith('@')) return undefined;
  if (/^\[\[?\.\.\..+\]\]?$/.test(name)) return '*';
  const dynamic = /^\[(.+)\]$/.exec(name);
  return dynamic ? `:${dynamic[1]}` : name;
}

/**
 * Next.js: app-router route handlers (`app/**\/route.ts`, the methods they export, including
 * `export const { GET, POST } = handlers`), pages-router API routes (`pages/api/**`, any method)
 * and `basePath` from next.config (env-derived when it comes from `process.env`).
 */
export function nextRoutes(ctx: RouteContext): FoundRoute[] {
  const dir = ctx.cb.projectDir;
  const basePaths = basePathOf(ctx);
  const out: FoundRoute[] = [];
  for (const module of ctx.cb.modules.values()) {
    const rel = path.relative(dir, module.file).split(path.sep);
    if (rel[0] === '..') continue;
    const parts = rel[0] === 'src' ? rel.slice(1) : rel;
    const file = parts[parts.length - 1];
    if (parts[0] === 'app' && /^route\.[cm]?[jt]sx?$/.test(file)) {
      if (parts.slice(1, -1).some((p) => p.startsWith('_'))) continue; // private folders
      const segments = parts
        .slice(1, -1)
        .map(segment)
        .filter((s): s is string => s !== undefined);
      ctx.cb.guard(module.file, () => out.push(...appRoutes(ctx, module, segments, basePaths)), undefined);
    } else if (parts[0] === 'pages' && parts[1] === 'api' && /\.[cm]?[jt]sx?$/.test(file)) {
      const base = file.replace(/\.[cm]?[jt]sx?$/, '');
      const names = [...parts.slice(1, -1), ...(base === 'index' ? [] : [base])];
      const segments = names.map(segment).filter((s): s is string => s !== undefined);
      ctx.cb.guard(module.file, () => out.push(...pagesRoutes(ctx, module, segments, basePaths)), undefined);
    }
  }
  return out;
}

function appRoutes(ctx: RouteContext, module: ModuleInfo, segments: string[], basePaths: StringValue[]): FoundRoute[] {
  const out: FoundRoute[] = [];
  for (const method of METHODS) {
    const exported = ctx.cb.resolveExport(module.file, method);
    if (!exported) continue;
    const handler = handlerOf(ctx, ctx.values.exported(module, method));
    const binding = exported.module.bindings.get(exported.local);
    const declNode = binding && binding.kind !== 'import' ? binding.node : module.source;
    for (const base of basePaths) {
      out.push({
        method,
        path: joinPaths(base.text, ...segments),
        confidence: base.confidence,
        framework: 'nextjs',
        site: ctx.cb.site(declNode),
        handler,
      });
    }
  }
  return out;
}

function pagesRoutes(
  ctx: RouteContext,
  module: ModuleInfo,
  segments: string[],
  basePaths: StringValue[],
): FoundRoute[] {
  if (!ctx.cb.resolveExport(module.file, 'default')) return [];
  const handler = handlerOf(ctx, ctx.values.exported(module, 'default'));
  return basePaths.map((base) => ({
    method: 'ALL',
    path: joinPaths(base.text, ...segments),
    confidence: base.confidence,
    framework: 'nextjs' as const,
    site: ctx.cb.site(handler ?? module.source),
    handler,
  }));
}

/** A function among the values of an export, through one wrapper (`withAuth(handler)`). */
function handlerOf(ctx: RouteContext, values: Value[]): ts.FunctionLikeDeclaration | undefined {
  for (const v of values) {
    if (v.kind === 'node' && ts.isFunctionLike(v.node) && 'body' in v.node) return v.node;
    if ((v.kind === 'made' || v.kind === 'result') && ts.isCallExpression(v.call)) {
      for (const arg of v.call.arguments) {
        const [fn] = ctx.functionsOf(arg, v.frame);
        if (fn) return fn.fn;
      }
    }
  }
  return undefined;
}

/** The `basePath` of next.config (every possibility), or the root. */
function basePathOf(ctx: RouteContext): StringValue[] {
  const config = [...ctx.cb.modules.values()].find(
    (m) => path.dirname(m.file) === ctx.cb.projectDir && CONFIG.test(path.basename(m.file)),
  );
  if (!config) return [EMPTY];
  const objects = configObjects(ctx, ctx.values.exported(config, 'default'), 0);
  for (const obj of objects) {
    const base = ctx.objectProperty(obj.node, 'basePath', obj.frame);
    if (!base) continue;
    const values = ctx.paths(base, obj.frame);
    // `process.env.BASE_PATH || ''`: the environment decides.
    const env = values.filter((v) => v.confidence === 'env-derived');
    return env.length ? env : values;
  }
  return [EMPTY];
}

/** Config objects behind the default export: the object, or the argument of a wrapper plugin. */
function configObjects(
  ctx: RouteContext,
  values: Value[],
  depth: number,
): { node: ts.ObjectLiteralExpression; frame?: import('../values').Frame }[] {
  const out: { node: ts.ObjectLiteralExpression; frame?: import('../values').Frame }[] = [];
  for (const v of values) {
    if (v.kind === 'node' && ts.isObjectLiteralExpression(v.node)) out.push({ node: v.node, frame: v.frame });
    else if (v.kind === 'node' && ts.isFunctionLike(v.node) && depth < 3)
      out.push(...configObjects(ctx, ctx.values.returned(v.node as ts.FunctionLikeDeclaration, undefined), depth + 1));
    else if ((v.kind === 'made' || v.kind === 'result') && ts.isCallExpression(v.call) && depth < 3) {
      for (const arg of v.call.arguments) out.push(...configObjects(ctx, ctx.values.of(arg, v.frame), depth + 1));
    }
  }
  return out;
}
