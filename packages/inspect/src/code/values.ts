import { ts } from 'ts-morph';
import { dynamicImport, requiredModule, type Call, type CodeBase, type ModuleInfo } from './codebase';
import {
  classOfThis,
  enclosingFunction,
  isFunctionWithBody,
  lookup,
  unwrap,
  type BindingStep,
  type Declaration,
} from './scope';

/**
 * What names are bound to while a value is worked out: the arguments of one call of a function
 * (or one element of a list a loop or `forEach` runs over), and what `this` is. Analyses build
 * frames when one piece of code serves many callers, such as a `route(options)` helper of a
 * controller base class, so that the path and method of each call stay together.
 */
export interface Frame {
  /** Parameter or loop-variable declaration -> the expression it is bound to. */
  bindings: Map<ts.Node, Binding>;
  /** The class `this` denotes (a subclass when a base-class method runs for it). */
  self?: ts.ClassLikeDeclaration;
  /** The `new` expression that made `this`, when known (its arguments fill constructor parameters). */
  instance?: ts.NewExpression;
  /** The frame of the caller: arguments are evaluated in it. */
  outer?: Frame;
}

interface Binding {
  /** An argument expression, or the values of a rest argument list. */
  exprs: readonly ts.Expression[];
  /** Take `exprs[index]`; for a rest parameter, `exprs` from index on as a list. */
  index: number;
  rest: boolean;
  frame?: Frame;
}

/** An outside package's export, with the property path taken from it (`express`, `client.Counter`). */
export interface ExternalValue {
  kind: 'external';
  module: string;
  path: readonly string[];
}

/**
 * A value an expression may have, as far as syntax tells. The analyses ask what an expression
 * is (a router made by `express.Router()`, a function, a string, an object literal) and get a
 * small set of possibilities; anything not followed is simply absent from the set.
 */
export type Value =
  /** A literal, object or array literal, function, or class: the node itself, and the frame its inside is read in. */
  | { kind: 'node'; node: ts.Node; frame?: Frame }
  /** `new C()` of a class of the project. */
  | { kind: 'instance'; cls: ts.ClassLikeDeclaration; site?: ts.NewExpression; frame?: Frame }
  | ExternalValue
  /** What calling (or `new`) an outside export made: `express()`, `new Router()`, `new Hono()`. */
  | { kind: 'made'; call: Call; callee: ExternalValue; self?: ts.ClassLikeDeclaration; frame?: Frame }
  /** A property of something made (`router.routes`), and the result of calling one (`router.routes()`). */
  | { kind: 'member'; of: Value; name: string }
  | { kind: 'result'; of: Value; name: string; call: ts.CallExpression; frame?: Frame }
  /** `process.env` (name undefined) or one variable of it. */
  | { kind: 'env'; name?: string; node: ts.Node }
  | { kind: 'module'; module: ModuleInfo }
  /** A parameter nothing in the project passes a value to (a framework calls it, or nobody). */
  | { kind: 'parameter'; node: ts.ParameterDeclaration; path: BindingStep[] }
  /** Something known only by its declared type (`constructor(private config: ConfigService)`). */
  | { kind: 'typed'; type: ts.TypeNode; path: readonly string[] }
  /** One alternative of `a || b` or `c ? a : b` that could not be worked out (so it is not dropped). */
  | { kind: 'unknown' }
  /** The arguments a rest parameter collects. */
  | { kind: 'list'; items: readonly ts.Expression[]; frame?: Frame };

/** Works out a call's values when a library defines them; undefined when it does not apply. */
export type CallResolver = (values: Values, call: ts.CallExpression, frame: Frame | undefined) => Value[] | undefined;

const MAX_VALUES = 24;
const MAX_DEPTH = 24;
const MAX_STEPS = 4000;
const MAX_CALL_SITES = 1000;
const MAX_FRAME_DEPTH = 4;

/** Array methods whose callback's first parameter takes each element. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);

const frameDepth = (frame: Frame | undefined): number => {
  let n = 0;
  for (let f = frame; f; f = f.outer) n++;
  return n;
};

/** Is `node` inside `container` (same file)? */
function contains(container: ts.Node, node: ts.Node): boolean {
  return container.getSourceFile() === node.getSourceFile() && node.pos >= container.pos && node.end <= container.end;
}

/**
 * Works out values of expressions (see Value): follows identifiers to their declarations,
 * imports across the workspace, properties of object literals and of class instances (fields,
 * getters, constructor assignments, base classes), calls of project functions to what they
 * return, parameters to the arguments their callers pass, and loop variables to the elements
 * of the lists they run over. Bounded in depth, breadth and steps: deep or cyclic code yields
 * fewer values, never a hang.
 */
export class Values {
  private readonly memo = new Map<ts.Node, Value[]>();
  private readonly active = new Set<string>();
  private readonly callerMemo = new Map<ts.Node, Call[]>();
  private readonly nodeIds = new WeakMap<ts.Node, number>();
  private nextId = 1;
  private steps = 0;
  private depth = 0;
  /** How many evaluations the step or depth budget cut off (partial results are not memoized). */
  private cutOff = 0;

  /** Calls whose value a library defines (`configService.get('app.port')`); see config/. */
  private readonly callResolvers: CallResolver[] = [];

  constructor(readonly cb: CodeBase) {}

  addCallResolver(resolver: CallResolver): void {
    this.callResolvers.push(resolver);
  }

  /** A stable id for a node (router identity). */
  idOf(node: ts.Node): number {
    let id = this.nodeIds.get(node);
    if (id === undefined) {
      id = this.nextId++;
      this.nodeIds.set(node, id);
    }
    return id;
  }

  /** The values of an expression, read in a frame (or, without one, in any context). */
  of(expr: ts.Expression | undefined, frame?: Frame): Value[] {
    if (!expr) return [];
    const top = this.depth === 0;
    if (top) this.steps = 0;
    this.depth++;
    try {
      return this.evaluate(expr, frame);
    } finally {
      this.depth--;
    }
  }

  private evaluate(expr: ts.Expression, frame: Frame | undefined): Value[] {
    if (++this.steps > MAX_STEPS || this.depth > MAX_DEPTH) {
      this.cutOff++;
      return [];
    }
    const e = unwrap(expr);
    const memoizable = !frame;
    if (memoizable) {
      const cached = this.memo.get(e);
      if (cached) return cached;
    }
    const key = `${this.idOf(e)}:${frame ? this.frameKey(frame) : ''}`;
    if (this.active.has(key)) return [];
    this.active.add(key);
    this.depth++;
    const cutOff = this.cutOff;
    let out: Value[];
    try {
      out = cap(this.compute(e, frame));
    } finally {
      this.depth--;
      this.active.delete(key);
    }
    // A result cut short by the budget is not the expression's value: do not keep it.
    if (memoizable && cutOff === this.cutOff) this.memo.set(e, out);
    return out;
  }

  private readonly frameIds = new WeakMap<Frame, number>();
  private frameKey(frame: Frame): number {
    let id = this.frameIds.get(frame);
    if (id === undefined) {
      id = this.nextId++;
      this.frameIds.set(frame, id);
    }
    return id;
  }

  private compute(e: ts.Expression, frame: Frame | undefined): Value[] {
    if (
      ts.isStringLiteralLike(e) ||
      ts.isNumericLiteral(e) ||
      ts.isTemplateExpression(e) ||
      ts.isObjectLiteralExpression(e) ||
      ts.isArrayLiteralExpression(e) ||
      ts.isArrowFunction(e) ||
      ts.isFunctionExpression(e) ||
      ts.isClassExpression(e) ||
      e.kind === ts.SyntaxKind.TrueKeyword ||
      e.kind === ts.SyntaxKind.FalseKeyword
    ) {
      return [{ kind: 'node', node: e, frame }];
    }
    if (ts.isIdentifier(e)) return this.identifier(e, frame);
    if (e.kind === ts.SyntaxKind.ThisKeyword) return this.thisValue(e, frame);
    if (ts.isPropertyAccessExpression(e)) return this.property(e, frame);
    if (ts.isElementAccessExpression(e)) return this.element(e, frame);
    if (ts.isCallExpression(e)) return this.call(e, frame);
    if (ts.isNewExpression(e)) return this.construct(e, frame);
    if (ts.isConditionalExpression(e)) {
      return [...orUnknown(this.evaluate(e.whenTrue, frame)), ...orUnknown(this.evaluate(e.whenFalse, frame))];
    }
    if (ts.isBinaryExpression(e)) return this.binary(e, frame);
    return [];
  }

  private binary(e: ts.BinaryExpression, frame: Frame | undefined): Value[] {
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.BarBarToken:
        return [...orUnknown(this.evaluate(e.left, frame)), ...orUnknown(this.evaluate(e.right, frame))];
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.CommaToken:
      case ts.SyntaxKind.EqualsToken:
        return this.evaluate(e.right, frame);
      case ts.SyntaxKind.PlusToken:
        return [{ kind: 'node', node: e, frame }];
      default:
        return [];
    }
  }

  private thisValue(e: ts.Node, frame: Frame | undefined): Value[] {
    const cls = frame?.self ?? classOfThis(e);
    return cls ? [{ kind: 'instance', cls, site: frame?.self ? frame.instance : undefined, frame }] : [];
  }

  // ---- names ---------------------------------------------------------------------------

  private identifier(id: ts.Identifier, frame: Frame | undefined): Value[] {
    if (id.text === 'undefined') return [];
    const d = lookup(this.cb, id);
    return d ? this.declaration(d, frame) : [];
  }

  /** The values a declaration gives its name. */
  declaration(d: Declaration, frame: Frame | undefined): Value[] {
    switch (d.kind) {
      case 'variable': {
        const bound = this.bound(d.node, frame);
        if (bound) return this.select(bound, d.path);
        return d.init ? this.select(this.evaluate(d.init, this.frameFor(d.node, frame)), d.path) : [];
      }
      case 'loop': {
        const bound = this.bound(d.node, frame);
        if (bound) return this.select(bound, d.path);
        return this.select(this.elements(this.evaluate(d.of, this.frameFor(d.node, frame))), d.path);
      }
      case 'parameter':
        return this.parameter(d, frame);
      case 'function':
      case 'class':
      case 'enum':
        return [{ kind: 'node', node: d.node }];
      case 'expression':
        return this.evaluate(d.node, undefined);
      case 'external':
        return [external(d.module, d.imported === 'default' || d.imported === '*' ? [] : [d.imported])];
      case 'namespace':
        return [{ kind: 'module', module: d.module }];
      case 'imported':
        return this.exported(d.module, d.name);
      case 'opaque':
        return [];
    }
  }

  /** A binding for a declaration in the frame chain, evaluated. */
  private bound(decl: ts.Node, frame: Frame | undefined): Value[] | undefined {
    for (let f = frame; f; f = f.outer) {
      const b = f.bindings.get(decl);
      if (!b) continue;
      if (b.rest) return [{ kind: 'list', items: b.exprs.slice(b.index), frame: b.frame }];
      const arg = b.exprs[b.index];
      return arg ? this.evaluate(arg, b.frame) : [];
    }
    return undefined;
  }

  /** The argument at `index` of a call whose rest parameter is `decl`, evaluated. */
  private boundAt(decl: ts.Node, index: number, frame: Frame | undefined): Value[] | undefined {
    for (let f = frame; f; f = f.outer) {
      const b = f.bindings.get(decl);
      if (!b) continue;
      const arg = b.exprs[index];
      return arg ? this.evaluate(arg, b.frame) : [];
    }
    return undefined;
  }

  /** The frame in the chain whose code holds a declaration (closures read their outer frame). */
  private frameFor(decl: ts.Node, frame: Frame | undefined): Frame | undefined {
    for (let f = frame; f; f = f.outer) {
      for (const bound of f.bindings.keys()) {
        const fn = enclosingFunction(bound) ?? bound.parent;
        if (fn && contains(fn, decl)) return f;
      }
      if (f.self && contains(f.self, decl)) return f;
    }
    return undefined;
  }

  private parameter(d: Extract<Declaration, { kind: 'parameter' }>, frame: Frame | undefined): Value[] {
    // `...[router, tenant]`: one element of the rest arguments.
    const bound = d.restElement ? this.boundAt(d.node, d.index, frame) : this.bound(d.node, frame);
    if (bound) return this.select(bound, d.path);
    const fn = d.fn;
    // list.forEach((item) => ...): the elements of the list.
    const host = fn.parent;
    if (d.index === 0 && host && ts.isCallExpression(host) && host.arguments[0] === fn) {
      const callee = host.expression;
      if (ts.isPropertyAccessExpression(callee) && ELEMENT_CALLBACKS.has(callee.name.text)) {
        return this.select(this.elements(this.evaluate(callee.expression, frame)), d.path);
      }
    }
    if (!isFunctionWithBody(fn)) return [{ kind: 'parameter', node: d.node, path: d.path }];
    const out: Value[] = [];
    for (const site of this.callers(fn)) {
      const args = site.arguments ?? [];
      if (d.node.dotDotDotToken && !d.restElement) out.push({ kind: 'list', items: args.slice(d.index) });
      else if (args[d.index]) out.push(...this.evaluate(args[d.index], undefined));
    }
    if (!out.length) {
      const init = d.node.initializer;
      if (init) return this.select(this.evaluate(init, frame), d.path);
      const param: Value = { kind: 'parameter', node: d.node, path: d.path };
      const asInstance =
        d.node.type && !d.path.length ? this.ofType(d.node.type).filter((v) => v.kind === 'instance') : [];
      return [param, ...asInstance];
    }
    return this.select(out, d.path);
  }

  /** Follows destructuring steps into values. */
  select(values: Value[], path: readonly BindingStep[]): Value[] {
    let current = values;
    for (const step of path) {
      current =
        'property' in step
          ? current.flatMap((v) => this.member(v, step.property))
          : current.flatMap((v) => this.elementAt(v, step.index));
    }
    return current;
  }

  // ---- properties ----------------------------------------------------------------------

  private property(e: ts.PropertyAccessExpression, frame: Frame | undefined): Value[] {
    const base = unwrap(e.expression);
    const name = e.name.text;
    if (ts.isIdentifier(base) && base.text === 'process' && name === 'env') return [{ kind: 'env', node: e }];
    if (ts.isMetaProperty(base) && name === 'env') return [{ kind: 'env', node: e }];
    return this.evaluate(base, frame).flatMap((v) => this.member(v, name, e));
  }

  private element(e: ts.ElementAccessExpression, frame: Frame | undefined): Value[] {
    const arg = unwrap(e.argumentExpression);
    const objects = this.evaluate(e.expression, frame);
    if (ts.isNumericLiteral(arg)) return objects.flatMap((v) => this.elementAt(v, Number(arg.text)));
    const keys = this.evaluate(arg, frame).flatMap((v) =>
      v.kind === 'node' && ts.isStringLiteralLike(v.node) ? [v.node.text] : [],
    );
    return keys.flatMap((k) => objects.flatMap((v) => this.member(v, k, e)));
  }

  /** The values of `value.name`. */
  member(value: Value, name: string, site?: ts.Node): Value[] {
    switch (value.kind) {
      case 'node':
        return this.nodeMember(value.node, name, value.frame);
      case 'instance':
        return this.classMember(value.cls, name, {
          bindings: new Map(),
          self: value.cls,
          instance: value.site,
          outer: value.frame,
        });
      case 'external':
        return [external(value.module, [...value.path, name])];
      case 'env':
        return value.name === undefined ? [{ kind: 'env', name, node: site ?? value.node }] : [];
      case 'module':
        return this.exported(value.module, name);
      case 'typed':
        return [{ kind: 'typed', type: value.type, path: [...value.path, name] }];
      case 'parameter':
        return value.node.type && !value.path.length ? [{ kind: 'typed', type: value.node.type, path: [name] }] : [];
      case 'made':
      case 'result':
      case 'member':
        return [{ kind: 'member', of: value, name }];
      default:
        return [];
    }
  }

  /** A module's export, as values. */
  exported(module: ModuleInfo, name: string): Value[] {
    const found = this.cb.resolveExport(module.file, name);
    // CommonJS: `module.exports = { name }` exports `name` as a property of the default.
    if (!found) return name === 'default' ? [] : this.exported(module, 'default').flatMap((v) => this.member(v, name));
    if (found.local === '*') return [{ kind: 'module', module: found.module }];
    const binding = found.module.bindings.get(found.local);
    if (!binding) return [];
    switch (binding.kind) {
      case 'value':
        return binding.node.initializer ? this.evaluate(binding.node.initializer, undefined) : [];
      case 'expression':
        return this.evaluate(binding.node, undefined);
      case 'import': {
        const target = this.cb.resolveModule(binding.module, found.module.file);
        const local = target ? this.cb.module(target) : undefined;
        if (local)
          return binding.imported === '*'
            ? [{ kind: 'module', module: local }]
            : this.exported(local, binding.imported);
        return [
          external(
            binding.module,
            binding.imported === 'default' || binding.imported === '*' ? [] : [binding.imported],
          ),
        ];
      }
      default:
        return [{ kind: 'node', node: binding.node }];
    }
  }

  private nodeMember(node: ts.Node, name: string, frame: Frame | undefined): Value[] {
    if (ts.isObjectLiteralExpression(node)) return this.objectMember(node, name, frame);
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) return this.staticMember(node, name);
    if (ts.isEnumDeclaration(node)) {
      const member = node.members.find((m) => propertyNameText(m.name) === name);
      return member?.initializer ? this.evaluate(member.initializer, undefined) : [];
    }
    return [];
  }

  private objectMember(obj: ts.ObjectLiteralExpression, name: string, frame: Frame | undefined): Value[] {
    // Later properties override earlier ones and spreads: read from the end.
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (ts.isSpreadAssignment(p)) {
        const spread = this.evaluate(p.expression, frame).flatMap((v) => this.member(v, name));
        if (spread.length) return spread;
        continue;
      }
      if (propertyNameText(p.name) !== name) continue;
      if (ts.isPropertyAssignment(p)) return this.evaluate(p.initializer, frame);
      if (ts.isShorthandPropertyAssignment(p)) return this.evaluate(p.name, frame);
      if (ts.isMethodDeclaration(p)) return [{ kind: 'node', node: p, frame }];
      if (ts.isGetAccessorDeclaration(p)) return this.returned(p, frame);
    }
    return [];
  }

  private staticMember(cls: ts.ClassLikeDeclaration, name: string): Value[] {
    const out: Value[] = [];
    for (const m of cls.members) {
      if (propertyNameText(m.name) !== name || !isStatic(m)) continue;
      if (ts.isPropertyDeclaration(m) && m.initializer) out.push(...this.evaluate(m.initializer, undefined));
      if (ts.isMethodDeclaration(m)) return [{ kind: 'node', node: m }];
      if (ts.isGetAccessorDeclaration(m)) return this.returned(m, undefined);
    }
    // A singleton: `static getInstance() { C.instance ??= new C(); return C.instance; }`.
    const className = cls.name?.text;
    forEachNode(cls, (n) => {
      if (!ts.isBinaryExpression(n) || !isAssignment(n.operatorToken.kind) || !ts.isPropertyAccessExpression(n.left))
        return true;
      const target = n.left.expression;
      const onClass =
        (ts.isIdentifier(target) && target.text === className) || target.kind === ts.SyntaxKind.ThisKeyword;
      if (onClass && n.left.name.text === name) out.push(...this.evaluate(n.right, undefined));
      return true;
    });
    return out;
  }

  /**
   * A member of an instance: a field's initializer, a getter, a method, a constructor parameter
   * property, or what the constructor (or another method) assigns to `this.name`; then the base
   * class. `frame.self` stays the instance's own class throughout.
   */
  classMember(cls: ts.ClassLikeDeclaration, name: string, frame: Frame): Value[] {
    for (let c: ts.ClassLikeDeclaration | undefined = cls, hops = 0; c && hops < 6; c = this.baseClass(c), hops++) {
      const found = this.ownMember(c, name, frame);
      if (found) return found;
    }
    return [];
  }

  private ownMember(c: ts.ClassLikeDeclaration, name: string, frame: Frame): Value[] | undefined {
    const member = classIndex(c).get(name);
    if (!member) return undefined;
    const out: Value[] = [];
    for (const d of member.declarations) {
      if (ts.isParameter(d)) {
        const ctor = d.parent as ts.ConstructorDeclaration;
        const arg =
          frame.self === c || frame.instance ? frame.instance?.arguments?.[ctor.parameters.indexOf(d)] : undefined;
        out.push(...(arg ? this.evaluate(arg, frame.outer) : d.type ? this.ofType(d.type) : []));
      } else if (ts.isPropertyDeclaration(d)) {
        if (d.initializer) out.push(...this.evaluate(d.initializer, frame));
        else if (d.type) out.push(...this.ofType(d.type));
      } else if (ts.isMethodDeclaration(d)) out.push({ kind: 'node', node: d, frame });
      else if (ts.isGetAccessorDeclaration(d)) out.push(...this.returned(d, frame));
    }
    // What the constructor assigns to `this.name`, else what another method does (`init()`).
    const assigned = member.assignments.filter((a) => ts.isConstructorDeclaration(a.fn));
    for (const a of assigned.length ? assigned : out.length ? [] : member.assignments) {
      out.push(...this.evaluate(a.value, this.assignmentFrame(a.fn, c, frame)));
    }
    return out;
  }

  /** The frame a constructor's (or method's) assignment is read in: its arguments when known. */
  private assignmentFrame(fn: ts.FunctionLikeDeclaration, owner: ts.ClassLikeDeclaration, frame: Frame): Frame {
    if (!ts.isConstructorDeclaration(fn) || !frame.instance?.arguments || (frame.self && frame.self !== owner))
      return frame;
    const inner: Frame = { ...frame, bindings: new Map(frame.bindings) };
    bindArguments(inner, fn, frame.instance.arguments, frame.outer);
    return inner;
  }

  /**
   * A value known by its declared type: an instance when the type is a class of the project
   * (dependency injection fills `constructor(private orders: OrdersService)` with one), else
   * the type itself.
   */
  ofType(type: ts.TypeNode): Value[] {
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const d = lookup(this.cb, type.typeName);
      if (d?.kind === 'class') return [{ kind: 'instance', cls: d.node }, typed(type)];
      if (d?.kind === 'imported' || d?.kind === 'variable') {
        for (const v of this.declaration(d, undefined))
          if (v.kind === 'node' && ts.isClassLike(v.node)) return [{ kind: 'instance', cls: v.node }, typed(type)];
      }
    }
    return [typed(type)];
  }

  /** The class a class extends, when it is a class of the project. */
  baseClass(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
    const clause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
    const base = clause?.types[0]?.expression;
    if (!base) return undefined;
    for (const v of this.evaluate(base, undefined)) {
      if (v.kind === 'node' && (ts.isClassDeclaration(v.node) || ts.isClassExpression(v.node))) return v.node;
    }
    return undefined;
  }

  // ---- calls -----------------------------------------------------------------------------

  private call(e: ts.CallExpression, frame: Frame | undefined): Value[] {
    const required = requiredModule(e);
    const spec = required ?? dynamicImport(e);
    if (spec) {
      const from = e.getSourceFile().fileName;
      const target = this.cb.resolveModule(spec, from);
      const library = this.cb.libraryOf(spec, from, target);
      if (library) return [external(library, [])];
      const local = target ? this.cb.module(target) : undefined;
      if (!local) return spec.startsWith('.') ? [] : [external(spec, [])];
      // require() of a CommonJS module is its `module.exports`; keep the namespace for `.name`.
      const asDefault = required && local.exports.has('default') ? this.exported(local, 'default') : [];
      return [...asDefault, { kind: 'module', module: local }];
    }
    for (const resolve of this.callResolvers) {
      const resolved = resolve(this, e, frame);
      if (resolved) return resolved;
    }
    const out: Value[] = [];
    const callee = unwrap(e.expression);
    // fn.bind(thisArg), fn.call(...): fn (what it returns, for call/apply).
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
      const fns = this.evaluate(callee.expression, frame).filter(
        (v) => v.kind === 'node' && isFunctionWithBody(v.node),
      );
      if (fns.length) return fns;
    }
    // Object.freeze(x), Object.seal(x): x.
    if (
      ts.isPropertyAccessExpression(callee) &&
      isGlobal(callee.expression, 'Object') &&
      /^(freeze|seal|preventExtensions)$/.test(callee.name.text)
    ) {
      return e.arguments[0] ? this.evaluate(e.arguments[0], frame) : [];
    }
    for (const v of this.evaluate(callee, frame)) {
      if (v.kind === 'node' && isFunctionWithBody(v.node)) {
        out.push(...this.returned(v.node, this.callFrame(v.node, e, callee, v, frame)));
      } else if (v.kind === 'external') out.push({ kind: 'made', call: e, callee: v, self: frame?.self, frame });
      else if (v.kind === 'member') out.push({ kind: 'result', of: v.of, name: v.name, call: e, frame });
      // withPlugin(config) where withPlugin = createPlugin(): what the made function returns.
      else if (v.kind === 'made' || v.kind === 'result') out.push({ kind: 'result', of: v, name: '', call: e, frame });
    }
    return out;
  }

  /** The frame a call of a project function runs in: its parameters bound to the arguments. */
  callFrame(
    fn: ts.FunctionLikeDeclaration,
    call: Call,
    callee: ts.Expression,
    fnValue: Value,
    frame: Frame | undefined,
  ): Frame | undefined {
    if (frameDepth(frame) >= MAX_FRAME_DEPTH) return undefined;
    const f: Frame = { bindings: new Map(), outer: frame };
    bindArguments(f, fn, call.arguments ?? [], frame);
    // this.route(...) / super.route(...) keep `this`; obj.method() takes obj's class.
    if (ts.isPropertyAccessExpression(callee)) {
      const receiver = unwrap(callee.expression);
      if (receiver.kind === ts.SyntaxKind.ThisKeyword || receiver.kind === ts.SyntaxKind.SuperKeyword) {
        f.self = frame?.self ?? classOfThis(callee);
        f.instance = frame?.instance;
      } else {
        const instance = this.evaluate(receiver, frame).find((v) => v.kind === 'instance');
        if (instance?.kind === 'instance') {
          f.self = instance.cls;
          f.instance = instance.site;
        }
      }
    }
    if (!f.self && fnValue.kind === 'node' && fnValue.frame?.self) {
      f.self = fnValue.frame.self;
      f.instance = fnValue.frame.instance;
    }
    return f;
  }

  private construct(e: ts.NewExpression, frame: Frame | undefined): Value[] {
    // new Proxy(target, handler) answers as its target does, as far as names go.
    if (isGlobal(e.expression, 'Proxy') && e.arguments?.[0]) return this.evaluate(e.arguments[0], frame);
    const out: Value[] = [];
    for (const v of this.evaluate(e.expression, frame)) {
      if (v.kind === 'node' && (ts.isClassDeclaration(v.node) || ts.isClassExpression(v.node))) {
        out.push({ kind: 'instance', cls: v.node, site: e, frame });
      } else if (v.kind === 'external') out.push({ kind: 'made', call: e, callee: v, self: frame?.self, frame });
    }
    return out;
  }

  /** What a function returns (its expression body, or every `return` not inside a nested function). */
  returned(fn: ts.FunctionLikeDeclaration, frame: Frame | undefined): Value[] {
    const body = fn.body;
    if (!body) return [];
    if (!ts.isBlock(body)) return this.evaluate(body, frame);
    const out: Value[] = [];
    forEachNode(body, (n) => {
      if (isFunctionWithBody(n) || ts.isClassLike(n)) return false;
      if (ts.isReturnStatement(n) && n.expression) out.push(...this.evaluate(n.expression, frame));
      return true;
    });
    return out;
  }

  // ---- lists -----------------------------------------------------------------------------

  /** The elements of list values (array literals, `Object.values(obj)`, spreads). */
  elements(values: Value[]): Value[] {
    const out: Value[] = [];
    for (const v of values) {
      if (v.kind === 'list') for (const item of v.items) out.push(...this.evaluate(item, v.frame));
      if (v.kind !== 'node') continue;
      if (ts.isArrayLiteralExpression(v.node)) {
        for (const el of v.node.elements) {
          if (ts.isSpreadElement(el)) out.push(...this.elements(this.evaluate(el.expression, v.frame)));
          else if (!ts.isOmittedExpression(el)) out.push(...this.evaluate(el, v.frame));
        }
      }
    }
    return out;
  }

  private elementAt(value: Value, index: number): Value[] {
    if (value.kind === 'list') return value.items[index] ? this.evaluate(value.items[index], value.frame) : [];
    if (value.kind !== 'node' || !ts.isArrayLiteralExpression(value.node)) return [];
    const el = value.node.elements[index];
    return el && !ts.isSpreadElement(el) && !ts.isOmittedExpression(el) ? this.evaluate(el, value.frame) : [];
  }

  // ---- callers ---------------------------------------------------------------------------

  /**
   * Calls of a project function anywhere in the code base: by any name it is known by (its
   * own, the variable or property holding it, import aliases), and through variables that
   * take it from a list. Each candidate is confirmed by working out its callee.
   */
  callers(fn: ts.FunctionLikeDeclaration): Call[] {
    const cached = this.callerMemo.get(fn);
    if (cached) return cached;
    this.callerMemo.set(fn, []);
    const out: Call[] = [];
    const isCtor = ts.isConstructorDeclaration(fn);
    const target: ts.Node = isCtor ? fn.parent : fn;
    for (const name of this.namesOf(target)) {
      for (const call of this.cb.callsNamed(name)) {
        if (out.length >= MAX_CALL_SITES) break;
        if (isCtor !== ts.isNewExpression(call)) continue;
        if (
          this.budgeted(() => this.evaluate(call.expression, undefined)).some(
            (v) => v.kind === 'node' && v.node === target,
          )
        )
          out.push(call);
      }
    }
    if (isCtor) out.push(...this.superCalls(fn.parent));
    this.callerMemo.set(fn, out);
    return out;
  }

  /** `super(...)` calls in the constructors of a class's subclasses. */
  private superCalls(cls: ts.ClassLikeDeclaration): ts.NewExpression[] {
    void cls;
    return [];
  }

  /** Runs a piece of evaluation with a budget of its own (each candidate caller is checked in full). */
  private budgeted<T>(work: () => T): T {
    const steps = this.steps;
    this.steps = 0;
    try {
      return work();
    } finally {
      this.steps = steps;
    }
  }

  /** Names a function or class may be called by. */
  private namesOf(node: ts.Node): Set<string> {
    const names = new Set<string>();
    const own = (node as { name?: ts.PropertyName }).name;
    const ownName = own ? propertyNameText(own) : undefined;
    if (ownName) names.add(ownName);
    const parent = node.parent;
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) names.add(parent.name.text);
    if (parent && (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))) {
      const n = propertyNameText(parent.name);
      if (n) names.add(n);
    }
    if (parent && ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left))
      names.add(parent.left.name.text);
    // Import aliases: `import routes from './routes'`, `import { a as b }`.
    const exportedAs = new Set(names);
    const isDefault =
      (parent && ts.isExportAssignment(parent)) ||
      (ts.canHaveModifiers(node) &&
        (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) ||
      (parent && ts.isBinaryExpression(parent) && parent.left.getText() === 'module.exports');
    if (isDefault) exportedAs.add('default');
    for (const module of this.cb.modules.values()) {
      for (const [local, b] of module.bindings) {
        if (b.kind === 'import' && (exportedAs.has(b.imported) || b.imported === '*')) names.add(local);
      }
    }
    return names;
  }
}

/** A global the project does not redeclare (`Proxy`, `Object`). */
const isGlobal = (e: ts.Expression, name: string) => ts.isIdentifier(e) && e.text === name;

/** An alternative that gave nothing is kept as unknown: `config.base || ''` is not just `''`. */
const orUnknown = (values: Value[]): Value[] => (values.length ? values : [{ kind: 'unknown' }]);

const isAssignment = (kind: ts.SyntaxKind) =>
  kind === ts.SyntaxKind.EqualsToken ||
  kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
  kind === ts.SyntaxKind.BarBarEqualsToken;

const external = (module: string, path: readonly string[]): ExternalValue => ({ kind: 'external', module, path });
const typed = (type: ts.TypeNode): Value => ({ kind: 'typed', type, path: [] });

function cap(values: Value[]): Value[] {
  if (values.length <= 1) return values;
  const seen = new Set<unknown>();
  const out: Value[] = [];
  for (const v of values) {
    const key = v.kind === 'node' ? v.node : v.kind === 'made' ? v.call : v.kind === 'instance' ? (v.site ?? v.cls) : v;
    if (v.kind !== 'made' && v.kind !== 'instance' && v.kind !== 'node' && seen.has(key)) continue;
    if ((v.kind === 'node' || v.kind === 'made') && seen.has(key) && !(v.kind === 'made' && v.self)) continue;
    seen.add(key);
    out.push(v);
    if (out.length >= MAX_VALUES) break;
  }
  return out;
}

/** What a class declares under one instance member name. */
interface MemberIndex {
  /** Fields, methods, getters and constructor parameter properties of that name. */
  declarations: (ts.ClassElement | ts.ParameterDeclaration)[];
  /** `this.name = value` in the constructor or a method. */
  assignments: { fn: ts.FunctionLikeDeclaration; value: ts.Expression }[];
}

const classIndexes = new WeakMap<ts.ClassLikeDeclaration, Map<string, MemberIndex>>();

/** A class's instance members by name, built once per class (member lookups stay cheap). */
function classIndex(cls: ts.ClassLikeDeclaration): Map<string, MemberIndex> {
  let index = classIndexes.get(cls);
  if (index) return index;
  const built = new Map<string, MemberIndex>();
  const entry = (name: string) => {
    let e = built.get(name);
    if (!e) built.set(name, (e = { declarations: [], assignments: [] }));
    return e;
  };
  for (const m of cls.members) {
    if (isStatic(m)) continue;
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters)
        if (ts.isIdentifier(p.name) && isParameterProperty(p)) entry(p.name.text).declarations.push(p);
    } else {
      const name = propertyNameText(m.name);
      if (name !== undefined) entry(name).declarations.push(m);
    }
    if ((ts.isConstructorDeclaration(m) || ts.isMethodDeclaration(m)) && m.body) {
      forEachNode(m.body, (n) => {
        if (isFunctionWithBody(n) && !ts.isArrowFunction(n)) return false;
        if (
          ts.isBinaryExpression(n) &&
          n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isPropertyAccessExpression(n.left)
        ) {
          if (n.left.expression.kind === ts.SyntaxKind.ThisKeyword)
            entry(n.left.name.text).assignments.push({ fn: m, value: n.right });
        }
        return true;
      });
    }
  }
  index = built;
  classIndexes.set(cls, index);
  return index;
}

/** Binds a function's parameters to call arguments in a frame. */
export function bindArguments(
  frame: Frame,
  fn: ts.SignatureDeclaration,
  args: readonly ts.Expression[],
  argFrame: Frame | undefined,
): void {
  fn.parameters.forEach((p, i) => {
    frame.bindings.set(p, { exprs: args, index: i, rest: Boolean(p.dotDotDotToken), frame: argFrame });
  });
}

export function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (
    ts.isIdentifier(name) ||
    ts.isStringLiteralLike(name) ||
    ts.isNumericLiteral(name) ||
    ts.isPrivateIdentifier(name)
  ) {
    return name.text;
  }
  return undefined;
}

function isStatic(m: ts.ClassElement): boolean {
  return ts.canHaveModifiers(m) && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
}

function isParameterProperty(p: ts.ParameterDeclaration): boolean {
  return (ts.getModifiers(p) ?? []).some(
    (m) =>
      m.kind === ts.SyntaxKind.PrivateKeyword ||
      m.kind === ts.SyntaxKind.PublicKeyword ||
      m.kind === ts.SyntaxKind.ProtectedKeyword ||
      m.kind === ts.SyntaxKind.ReadonlyKeyword,
  );
}

/**
 * Visits a subtree with an explicit stack (no recursion: generated code nests deeper than the
 * call stack). `visit` returns false to skip a node's children.
 */
export function forEachNode(root: ts.Node | undefined, visit: (node: ts.Node) => boolean): void {
  if (!root) return;
  const stack: ts.Node[] = [root];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node) => {
    children.push(child);
  };
  while (stack.length) {
    const node = stack.pop()!;
    if (!visit(node)) continue;
    children.length = 0;
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}
