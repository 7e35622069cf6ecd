import { ts } from 'ts-morph';
import type { Confidence } from '@deploy-plan/core';
import { joinPaths, worst, type StringValue } from '../evaluate';
import { unwrap } from '../scope';
import type { Value } from '../values';
import { propertyOf, receiverOf, type RouteContext } from './context';
import { decoratorsOf, methodsWithInherited } from './decorators';
import { EMPTY, type FoundRoute } from './model';

const COMMON = new Set(['@nestjs/common']);
const METHOD_DECORATORS = new Map([
  ['Get', 'GET'],
  ['Post', 'POST'],
  ['Put', 'PUT'],
  ['Patch', 'PATCH'],
  ['Delete', 'DELETE'],
  ['Options', 'OPTIONS'],
  ['Head', 'HEAD'],
  ['All', 'ALL'],
  ['Search', 'SEARCH'],
  ['Sse', 'GET'],
]);
/** A version that means "no version segment". */
const NEUTRAL = '\u0000neutral';

interface Exclude {
  path: string;
  method?: string;
}

interface AppSettings {
  prefixes: StringValue[];
  excludes: Exclude[];
  versioning?: { prefix: string; defaultVersions: string[] };
  modulePrefix: Map<ts.ClassLikeDeclaration, StringValue>;
  moduleControllers: Map<ts.ClassLikeDeclaration, ts.ClassLikeDeclaration[]>;
}

/**
 * NestJS: `@Controller(path | { path, version })` classes and their (inherited) `@Get()`…
 * methods, with `setGlobalPrefix` (and its `exclude`), URI versioning (`enableVersioning`,
 * `@Version`, `VERSION_NEUTRAL`) and `RouterModule.register` prefixes.
 */
export function nestRoutes(ctx: RouteContext): FoundRoute[] {
  const settings = appSettings(ctx);
  const out: FoundRoute[] = [];
  for (const module of ctx.cb.modules.values()) {
    for (const cls of module.classes) {
      ctx.cb.guard(cls, () => out.push(...controllerRoutes(ctx, cls, settings)), undefined);
    }
  }
  return out;
}

function controllerRoutes(ctx: RouteContext, cls: ts.ClassDeclaration, settings: AppSettings): FoundRoute[] {
  const ctrl = decoratorsOf(ctx, cls, COMMON).find((d) => d.name === 'Controller');
  if (!ctrl) return [];
  let paths: StringValue[] = [EMPTY];
  let ctrlVersions: string[] | undefined;
  const arg = ctrl.call.arguments[0];
  const options = arg ? ctx.objectLiteral(arg) : undefined;
  if (options) {
    paths = listOfPaths(ctx, propertyOf(options.node, 'path'));
    ctrlVersions = versions(ctx, propertyOf(options.node, 'version'));
  } else if (arg) paths = listOfPaths(ctx, arg);
  const routerPrefix = routerModulePrefix(cls, settings);
  const out: FoundRoute[] = [];
  for (const member of methodsWithInherited(ctx, cls)) {
    const decorators = decoratorsOf(ctx, member, COMMON);
    const methodVersions = versions(ctx, decorators.find((d) => d.name === 'Version')?.call.arguments[0]);
    for (const d of decorators) {
      const methods = httpMethods(ctx, d.name, d.call);
      if (!methods.length) continue;
      const vs = methodVersions ?? ctrlVersions ?? settings.versioning?.defaultVersions ?? [NEUTRAL];
      const methodPaths =
        d.name === 'RequestMapping'
          ? listOfPaths(ctx, ctx.objectProperty(d.call.arguments[0], 'path'))
          : listOfPaths(ctx, d.call.arguments[0]);
      for (const method of methods) {
        for (const version of vs) {
          for (const ctrlPath of paths) {
            for (const methodPath of methodPaths) {
              out.push(route(ctx, settings, { method, version, routerPrefix, ctrlPath, methodPath, member }));
            }
          }
        }
      }
    }
  }
  return out;
}

function route(
  ctx: RouteContext,
  settings: AppSettings,
  r: {
    method: string;
    version: string;
    routerPrefix: StringValue;
    ctrlPath: StringValue;
    methodPath: StringValue;
    member: ts.MethodDeclaration;
  },
): FoundRoute {
  const local = joinPaths(r.routerPrefix.text, r.ctrlPath.text, r.methodPath.text);
  const excluded = settings.excludes.some((x) => matchesExclude(x, local, r.method));
  const versionPart = settings.versioning && r.version !== NEUTRAL ? `${settings.versioning.prefix}${r.version}` : '';
  const prefix =
    excluded || !settings.prefixes.length ? EMPTY : settings.prefixes.length === 1 ? settings.prefixes[0] : DYNAMIC;
  const full = joinPaths(prefix.text, versionPart, local);
  let confidence: Confidence = [r.routerPrefix, r.ctrlPath, r.methodPath, prefix].reduce<Confidence>(
    (c, v) => worst(c, v.confidence),
    'literal',
  );
  if (confidence === 'literal' && full !== joinPaths(r.methodPath.text)) confidence = 'resolved';
  return {
    method: r.method,
    path: full,
    confidence,
    framework: 'nestjs',
    site: ctx.cb.site(r.member),
    handler: r.member,
  };
}

const DYNAMIC: StringValue = { text: '${?}', confidence: 'dynamic' };

function matchesExclude(x: Exclude, local: string, method: string): boolean {
  if (x.method && x.method !== method && x.method !== 'ALL') return false;
  const pattern = joinPaths(x.path);
  if (pattern === local) return true;
  // 'health/(.*)', 'auth/*path', 'docs*': a prefix match.
  const base = pattern.replace(/\/?(\(\.\*\)|\*\w*|\{\*\w+\})$/, '');
  return base !== pattern && (local === (base || '/') || local.startsWith(`${base}/`));
}

function httpMethods(ctx: RouteContext, name: string, call: ts.CallExpression): string[] {
  const direct = METHOD_DECORATORS.get(name);
  if (direct) return [direct];
  if (name !== 'RequestMapping') return [];
  const method = ctx.objectProperty(call.arguments[0], 'method');
  const m = method && unwrap(method);
  if (!m) return ['GET'];
  return ts.isPropertyAccessExpression(m) ? [m.name.text] : [];
}

function listOfPaths(ctx: RouteContext, expr: ts.Expression | undefined): StringValue[] {
  if (!expr) return [EMPTY];
  const e = unwrap(expr);
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((el) => ctx.paths(el));
  return ctx.paths(e);
}

/** Versions from `'1'`, `['1', '2']`, `VERSION_NEUTRAL`; undefined when not given. */
function versions(ctx: RouteContext, expr: ts.Expression | undefined): string[] | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  const items = ts.isArrayLiteralExpression(e) ? [...e.elements] : [e];
  const out: string[] = [];
  for (const item of items) {
    if (isNeutral(ctx.values.of(item))) out.push(NEUTRAL);
    else out.push(...ctx.strings(item));
  }
  return out.length ? out : undefined;
}

const isNeutral = (values: Value[]) =>
  values.some((v) => v.kind === 'external' && v.module === '@nestjs/common' && v.path[0] === 'VERSION_NEUTRAL');

function routerModulePrefix(cls: ts.ClassLikeDeclaration, settings: AppSettings): StringValue {
  for (const [mod, controllers] of settings.moduleControllers) {
    if (controllers.includes(cls)) {
      const prefix = settings.modulePrefix.get(mod);
      if (prefix) return prefix;
    }
  }
  return EMPTY;
}

/** What main.ts and the modules say for every controller: prefix, excludes, versioning, RouterModule. */
function appSettings(ctx: RouteContext): AppSettings {
  const settings: AppSettings = { prefixes: [], excludes: [], modulePrefix: new Map(), moduleControllers: new Map() };
  for (const name of ['setGlobalPrefix', 'enableVersioning', 'register']) {
    for (const call of ctx.cb.callsNamed(name)) {
      if (!ts.isCallExpression(call)) continue;
      ctx.cb.guard(call, () => readSetting(ctx, settings, name, call), undefined);
    }
  }
  for (const module of ctx.cb.modules.values()) {
    for (const cls of module.classes) {
      const mod = decoratorsOf(ctx, cls, COMMON).find((d) => d.name === 'Module');
      const controllers = mod && ctx.objectProperty(mod.call.arguments[0], 'controllers');
      const list = controllers && unwrap(controllers);
      if (list && ts.isArrayLiteralExpression(list))
        settings.moduleControllers.set(
          cls,
          list.elements.flatMap((el) => classesOf(ctx, el)),
        );
    }
  }
  return settings;
}

function classesOf(ctx: RouteContext, expr: ts.Expression): ts.ClassLikeDeclaration[] {
  return ctx.values
    .of(expr)
    .flatMap((v) =>
      v.kind === 'node' && (ts.isClassDeclaration(v.node) || ts.isClassExpression(v.node)) ? [v.node] : [],
    );
}

function readSetting(ctx: RouteContext, settings: AppSettings, name: string, call: ts.CallExpression): void {
  if (name === 'setGlobalPrefix') {
    settings.prefixes.push(...ctx.paths(call.arguments[0]));
    const list = ctx.objectProperty(call.arguments[1], 'exclude');
    const arr = list && unwrap(list);
    if (arr && ts.isArrayLiteralExpression(arr))
      settings.excludes.push(...arr.elements.flatMap((el) => excludeOf(ctx, el)));
  } else if (name === 'enableVersioning') {
    const options = ctx.objectLiteral(call.arguments[0]);
    const type = options ? propertyOf(options.node, 'type') : undefined;
    const t = type && unwrap(type);
    const uri = !t || (ts.isPropertyAccessExpression(t) && t.name.text === 'URI') || ctx.strings(t).includes('0');
    if (!uri) return;
    const [prefix] = options ? ctx.strings(propertyOf(options.node, 'prefix')) : [];
    const defaults = options ? versions(ctx, propertyOf(options.node, 'defaultVersion')) : undefined;
    settings.versioning = { prefix: prefix ?? 'v', defaultVersions: defaults ?? [NEUTRAL] };
  } else if (name === 'register') {
    const receiver = receiverOf(call);
    const isRouterModule =
      receiver && ctx.values.of(receiver).some((v) => v.kind === 'external' && v.path[0] === 'RouterModule');
    if (isRouterModule) routerModule(ctx, settings, call.arguments[0], EMPTY, 0);
  }
}

function excludeOf(ctx: RouteContext, el: ts.Expression): Exclude[] {
  const item = unwrap(el);
  if (ts.isObjectLiteralExpression(item)) {
    const method = propertyOf(item, 'method');
    const m = method && unwrap(method);
    return ctx
      .strings(propertyOf(item, 'path'))
      .map((path) => ({ path, method: m && ts.isPropertyAccessExpression(m) ? m.name.text : undefined }));
  }
  return ctx.strings(item).map((path) => ({ path }));
}

function routerModule(
  ctx: RouteContext,
  settings: AppSettings,
  routes: ts.Expression | undefined,
  parent: StringValue,
  depth: number,
): void {
  const arr = routes && unwrap(routes);
  if (!arr || !ts.isArrayLiteralExpression(arr) || depth > 6) return;
  for (const el of arr.elements) {
    const item = ctx.objectLiteral(el);
    if (!item) continue;
    const p = ctx.path(propertyOf(item.node, 'path'));
    const full = { text: joinPaths(parent.text, p.text), confidence: worst(parent.confidence, p.confidence) };
    const mod = propertyOf(item.node, 'module');
    for (const cls of mod ? classesOf(ctx, mod) : []) settings.modulePrefix.set(cls, full);
    routerModule(ctx, settings, propertyOf(item.node, 'children'), full, depth + 1);
  }
}
