import { ts } from 'ts-morph';
import type { Call, CodeBase } from '../codebase';
import { evaluateStrings, knownStrings, valuesOf, type StringValue } from '../evaluate';
import { classOfThis, enclosingFunction, isFunctionWithBody, lookup, unwrap } from '../scope';
import { bindArguments, forEachNode, type ExternalValue, type Frame, type Value, type Values } from '../values';
import { EMPTY, type Framework, type RouteModel, type RouterNode } from './model';

export const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all']);

const MAX_FRAMES = 600;
const MAX_FRAME_NESTING = 3;

/** What a framework module recognises: how its routers are made, and what calls on them mean. */
export interface ImperativeFramework {
  name: Framework;
  /** A router or app made by calling an outside export (`express.Router()`), with its own prefixes. */
  creates(
    ctx: RouteContext,
    made: Extract<Value, { kind: 'made' }>,
  ): { root: boolean; own?: StringValue[] } | undefined;
  /** Method calls that return the router itself (`router.get(...).post(...)`, `router.routes()`). */
  chains: ReadonlySet<string>;
  /** A router derived from another by a method call (Hono `basePath`). */
  derive?(ctx: RouteContext, base: RouterNode, result: Extract<Value, { kind: 'result' }>): RouterNode | undefined;
  /** Reads one call on one of its routers: a registration, a mount, a prefix. */
  onCall(ctx: RouteContext, site: CallOnRouter): void;
}

/** A method call on a router, in one frame (helpers' calls are read once per caller). */
export interface CallOnRouter {
  call: ts.CallExpression;
  /** The method names the callee may be (`router[options.method]` gives several). */
  names: string[];
  router: RouterNode;
  frame?: Frame;
  /** The first passes only read mounts (routers must exist before what registers on them). */
  mountsOnly: boolean;
}

/** Shared state and helpers of the route analyses. */
export class RouteContext {
  readonly values: Values;
  private frameworks: readonly ImperativeFramework[] = [];
  private readonly parameterRouters = new Map<ts.Node, RouterNode>();

  constructor(
    readonly cb: CodeBase,
    readonly model: RouteModel,
  ) {
    this.values = valuesOf(cb);
  }

  use(frameworks: readonly ImperativeFramework[]): void {
    this.frameworks = frameworks;
  }

  /** A parameter a framework fills with a router (a Fastify plugin's instance). */
  routerForParameter(param: ts.ParameterDeclaration, framework: Framework): RouterNode {
    let node = this.parameterRouters.get(param);
    if (!node) {
      node = this.model.router(`param:${this.values.idOf(param)}`, framework, false);
      this.parameterRouters.set(param, node);
    }
    return node;
  }

  /** The routers an expression may be, in a frame. */
  routersOf(expr: ts.Expression | undefined, frame?: Frame): RouterNode[] {
    if (!expr) return [];
    return this.routersOfValues(this.values.of(expr, frame), 0);
  }

  routersOfValues(values: Value[], depth: number): RouterNode[] {
    const out: RouterNode[] = [];
    for (const v of values) {
      const r = this.routerOfValue(v, depth);
      if (r && !out.includes(r)) out.push(r);
    }
    return out;
  }

  private routerOfValue(v: Value, depth: number): RouterNode | undefined {
    if (depth > 8) return undefined;
    if (v.kind === 'made') {
      for (const fw of this.frameworks) {
        const made = fw.creates(this, v);
        if (!made) continue;
        const self = v.self ? `@${this.values.idOf(v.self)}` : '';
        return this.model.router(`made:${this.values.idOf(v.call)}${self}`, fw.name, made.root, made.own ?? [EMPTY]);
      }
      return undefined;
    }
    if (v.kind === 'result') {
      // router.get(...).post(...), router.routes(): the router itself.
      for (const r of this.routersOfValues([v.of], depth + 1)) {
        const fw = this.framework(r);
        if (fw?.chains.has(v.name)) return r;
        const derived = fw?.derive?.(this, r, v);
        if (derived) return derived;
      }
      return undefined;
    }
    if (v.kind === 'parameter') return this.parameterRouters.get(v.node);
    return undefined;
  }

  /** The framework of a router. */
  framework(router: RouterNode): ImperativeFramework | undefined {
    return this.frameworks.find((f) => f.name === router.framework);
  }

  /**
   * The frames a call is read in. A call whose parts depend on the parameters of the function it
   * sits in (a `route(options)` helper) or on the elements of a list a loop runs over is read
   * once per caller or element, so each keeps its own path and method; other calls once.
   */
  framesFor(node: ts.Node, nesting = 0): (Frame | undefined)[] {
    const fn = enclosingFunction(node);
    const loop = this.enclosingLoop(node, fn);
    if (loop && this.dependsOn(node, [loop.initializer])) {
      return this.loopFrames(loop, nesting);
    }
    if (!fn || nesting >= MAX_FRAME_NESTING || !this.dependsOnFunction(node, fn)) return [undefined];
    const host = fn.parent;
    if (
      host &&
      ts.isCallExpression(host) &&
      host.arguments[0] === fn &&
      ts.isPropertyAccessExpression(host.expression)
    ) {
      if (['forEach', 'map', 'flatMap'].includes(host.expression.name.text))
        return this.elementFrames(fn, host, nesting);
    }
    const sites = this.values.callers(fn);
    if (!sites.length) return this.subclassFrames(node, fn);
    const frames: Frame[] = [];
    for (const site of sites) {
      for (const outer of this.framesFor(site, nesting + 1)) {
        const frame: Frame = { bindings: new Map(), outer };
        bindArguments(frame, fn, site.arguments ?? [], outer);
        this.setSelf(frame, site, outer);
        frames.push(frame);
        if (frames.length >= MAX_FRAMES) return frames;
      }
    }
    return frames;
  }

  /** `this` in a method called as `this.m()` is the caller's `this`; `obj.m()` takes obj's class. */
  private setSelf(frame: Frame, site: Call, outer: Frame | undefined): void {
    const callee = unwrap(site.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const receiver = unwrap(callee.expression);
    if (receiver.kind === ts.SyntaxKind.ThisKeyword || receiver.kind === ts.SyntaxKind.SuperKeyword) {
      frame.self = outer?.self ?? classOfThis(site);
      frame.instance = outer?.instance;
      return;
    }
    const instance = this.values.of(receiver, outer).find((v) => v.kind === 'instance');
    if (instance?.kind === 'instance') {
      frame.self = instance.cls;
      frame.instance = instance.site;
    }
  }

  /** A base-class method that uses `this` and no caller passes through: once per subclass. */
  private subclassFrames(node: ts.Node, fn: ts.FunctionLikeDeclaration): (Frame | undefined)[] {
    const cls = classOfThis(node);
    if (!cls || !this.usesThis(node)) return [undefined];
    const subs = this.subclassesOf(cls);
    if (!subs.length) return [undefined];
    void fn;
    return [undefined, ...subs.map((self): Frame => ({ bindings: new Map(), self }))];
  }

  subclassesOf(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
    const out: ts.ClassLikeDeclaration[] = [];
    const queue = [cls];
    while (queue.length && out.length < 200) {
      const base = queue.shift()!;
      for (const module of this.cb.modules.values()) {
        for (const sub of module.subclasses) {
          if (!out.includes(sub) && this.values.baseClass(sub) === base) {
            out.push(sub);
            queue.push(sub);
          }
        }
      }
    }
    return out;
  }

  private elementFrames(
    fn: ts.FunctionLikeDeclaration,
    host: ts.CallExpression,
    nesting: number,
  ): (Frame | undefined)[] {
    const list = (host.expression as ts.PropertyAccessExpression).expression;
    const frames: Frame[] = [];
    for (const outer of this.framesFor(host, nesting + 1)) {
      for (const item of this.elementExpressions(list, outer)) {
        const frame: Frame = {
          bindings: new Map(),
          outer: item.frame ?? outer,
          self: outer?.self,
          instance: outer?.instance,
        };
        bindArguments(frame, fn, [item.expr], item.frame ?? outer);
        frames.push(frame);
      }
    }
    return frames.length ? frames : [undefined];
  }

  private loopFrames(loop: ts.ForOfStatement, nesting: number): (Frame | undefined)[] {
    const decl = (loop.initializer as ts.VariableDeclarationList).declarations[0];
    const frames: Frame[] = [];
    for (const outer of this.framesFor(loop, nesting + 1)) {
      for (const item of this.elementExpressions(loop.expression, outer)) {
        const frame: Frame = {
          bindings: new Map(),
          outer: item.frame ?? outer,
          self: outer?.self,
          instance: outer?.instance,
        };
        frame.bindings.set(decl, { exprs: [item.expr], index: 0, rest: false, frame: item.frame ?? outer });
        frames.push(frame);
      }
    }
    return frames.length ? frames : [undefined];
  }

  /** The element expressions of the lists an expression may be. */
  private elementExpressions(list: ts.Expression, frame: Frame | undefined): { expr: ts.Expression; frame?: Frame }[] {
    const out: { expr: ts.Expression; frame?: Frame }[] = [];
    const visit = (values: Value[], depth: number) => {
      for (const v of values) {
        if (v.kind === 'list') out.push(...v.items.map((expr) => ({ expr, frame: v.frame })));
        if (v.kind !== 'node' || !ts.isArrayLiteralExpression(v.node) || depth > 4) continue;
        for (const el of v.node.elements) {
          if (ts.isSpreadElement(el)) visit(this.values.of(el.expression, v.frame), depth + 1);
          else if (!ts.isOmittedExpression(el)) out.push({ expr: el, frame: v.frame });
        }
      }
    };
    visit(this.values.of(list, frame), 0);
    return out;
  }

  private enclosingLoop(node: ts.Node, fn: ts.Node | undefined): ts.ForOfStatement | undefined {
    for (let n: ts.Node | undefined = node.parent; n && n !== fn; n = n.parent) {
      if (ts.isForOfStatement(n) && ts.isVariableDeclarationList(n.initializer)) return n;
    }
    return undefined;
  }

  /** Does a node read a parameter of `fn` (or `this`, in a class with subclasses)? */
  private dependsOnFunction(node: ts.Node, fn: ts.FunctionLikeDeclaration): boolean {
    if (this.dependsOn(node, fn.parameters)) return true;
    const cls = classOfThis(node);
    return Boolean(cls && this.usesThis(node) && (ts.isMethodDeclaration(fn) || ts.isGetAccessor(fn)));
  }

  private usesThis(node: ts.Node): boolean {
    let found = false;
    forEachNode(node, (n) => {
      if (found || isFunctionWithBody(n)) return false;
      if (n.kind === ts.SyntaxKind.ThisKeyword) found = true;
      return !found;
    });
    return found;
  }

  /** Does a node read a name declared by one of `decls` (parameters or a loop's variables)? */
  private dependsOn(node: ts.Node, decls: readonly ts.Node[]): boolean {
    if (!decls.length) return false;
    let found = false;
    forEachNode(node, (n) => {
      if (found) return false;
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        const d = lookup(this.cb, n);
        if (d && 'node' in d && decls.some((p) => p === d.node || contains(p, d.node))) found = true;
      }
      return !found;
    });
    return found;
  }

  /** A function an expression names or is (through one wrapper call such as `fp(plugin)`). */
  functionsOf(expr: ts.Expression | undefined, frame?: Frame): { fn: ts.FunctionLikeDeclaration; frame?: Frame }[] {
    if (!expr) return [];
    const out: { fn: ts.FunctionLikeDeclaration; frame?: Frame }[] = [];
    const visit = (values: Value[], depth: number) => {
      for (const v of values) {
        if (v.kind === 'node' && isFunctionWithBody(v.node)) out.push({ fn: v.node, frame: v.frame });
        else if (v.kind === 'made' && depth < 2 && ts.isCallExpression(v.call)) {
          // fp(plugin), asyncHandler(fn), withAuth(handler): the function inside.
          for (const arg of v.call.arguments) visit(this.values.of(arg, v.frame), depth + 1);
        } else if (v.kind === 'module' && depth < 2) visit(this.values.exported(v.module, 'default'), depth + 1);
      }
    };
    visit(this.values.of(expr, frame), 0);
    return out;
  }

  /** The handler of a registration: the last argument that is (or names) a function. */
  handlerOf(args: readonly ts.Expression[], frame?: Frame): { fn?: ts.FunctionLikeDeclaration; frame?: Frame } {
    for (let i = args.length - 1; i >= 0; i--) {
      const [found] = this.functionsOf(args[i], frame);
      if (found) return found;
      const e = unwrap(args[i]);
      if (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e)) return {};
    }
    return {};
  }

  /**
   * Where a registration is reported: the call itself, or, when its path came from a helper's
   * caller (`this.get('/x', h)` reaching `this.app[m](options.path, ...)`), the caller's call.
   */
  siteOf(call: ts.Node, path: StringValue): ReturnType<CodeBase['site']> {
    const from = path.node;
    if (!from || contains(call, from)) return this.cb.site(call);
    for (let n: ts.Node | undefined = from.parent; n; n = n.parent) {
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) return this.cb.site(n);
      if (ts.isSourceFile(n) || isFunctionWithBody(n)) break;
    }
    return this.cb.site(from);
  }

  /** The one path an expression is, or `${?}` when several are possible. */
  path(expr: ts.Expression | undefined, frame?: Frame): StringValue {
    const all = this.paths(expr, frame);
    return all.length === 1 ? all[0] : { text: '${?}', confidence: 'dynamic' };
  }

  /**
   * Every path an expression may be. A path from the environment with a default
   * (`process.env.PREFIX || '/api'`) is reported as env-derived, not as its default.
   */
  paths(expr: ts.Expression | undefined, frame?: Frame): StringValue[] {
    const all = dedupeStrings(evaluateStrings(this.cb, expr, frame));
    const env = all.filter((v) => v.confidence === 'env-derived');
    return env.length && env.length < all.length && all.every((v) => v.confidence !== 'dynamic') ? env : all;
  }

  strings(expr: ts.Expression | undefined, frame?: Frame): string[] {
    return [...new Set(knownStrings(this.cb, expr, frame).map((s) => s.text))];
  }

  /** A property of an object literal argument, as values' frame allows. */
  objectProperty(expr: ts.Expression | undefined, name: string, frame?: Frame): ts.Expression | undefined {
    const obj = this.objectLiteral(expr, frame);
    return obj ? propertyOf(obj.node, name) : undefined;
  }

  /** The object literal an expression is (directly or through a name). */
  objectLiteral(
    expr: ts.Expression | undefined,
    frame?: Frame,
  ): { node: ts.ObjectLiteralExpression; frame?: Frame } | undefined {
    if (!expr) return undefined;
    const e = unwrap(expr);
    if (ts.isObjectLiteralExpression(e)) return { node: e, frame };
    for (const v of this.values.of(e, frame))
      if (v.kind === 'node' && ts.isObjectLiteralExpression(v.node)) return { node: v.node, frame: v.frame };
    return undefined;
  }

  /** The outside export a value was made by, when it is one. */
  static origin(v: Value): ExternalValue | undefined {
    return v.kind === 'made' ? v.callee : v.kind === 'external' ? v : undefined;
  }
}

function contains(container: ts.Node, node: ts.Node): boolean {
  return container.getSourceFile() === node.getSourceFile() && node.pos >= container.pos && node.end <= container.end;
}

function dedupeStrings(values: StringValue[]): StringValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    if (seen.has(v.text)) return false;
    seen.add(v.text);
    return true;
  });
}

/** A property's initializer in an object literal (`{ path: '/x' }`, `{ path }`, a method). */
export function propertyOf(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (key !== name) continue;
    if (ts.isPropertyAssignment(p)) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p)) return p.name;
    if (ts.isMethodDeclaration(p)) return p as unknown as ts.Expression;
  }
  return undefined;
}

/** `app.get` / `app['get']` / `this.app[options.method]`: the method names a callee may be. */
export function methodNames(ctx: RouteContext, call: ts.CallExpression, frame?: Frame): string[] {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) return [callee.name.text];
  if (ts.isElementAccessExpression(callee)) {
    const key = unwrap(callee.argumentExpression);
    if (ts.isStringLiteralLike(key)) return [key.text];
    return ctx.strings(key, frame);
  }
  return [];
}

/** The receiver of a method call (`app` in `app.get(...)`). */
export function receiverOf(call: ts.CallExpression): ts.Expression | undefined {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
}
