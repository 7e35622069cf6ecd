import type { RelatedLocation, Severity } from '../diagnostic';
import type { DeployPlan } from '../generated/plan';
import type { ChecklistItemId } from './checklist';
import type { ProjectFacts } from './facts';
import type { Placeholder } from '../vocabulary';

/** What a policy needs besides the plan; the engine gathers only what enabled policies ask for. */
export type PolicyNeed = 'code' | 'files' | 'graph';

/** A JSON Schema (2020-12) object. */
export type JsonSchemaObject = Record<string, unknown>;

export interface PolicyMeta<MessageIds extends string = string, Options = Record<string, unknown>> {
  /** Default severity; it follows the priority of the checklist item. Config may override it. */
  severity: Severity;
  /** The checklist item(s) of the deployment method this policy enforces. */
  checklist: ChecklistItemId | readonly ChecklistItemId[];
  /** One line: what the policy checks. */
  description: string;
  /** Why it matters, in the method's terms (for `explain` and the docs page). */
  rationale: string;
  /** Message templates by messageId; `{{name}}` is filled from the report's data. */
  messages: Record<MessageIds, string>;
  /** Options: a JSON Schema for them and their defaults. */
  options?: { schema: JsonSchemaObject; defaults: Options };
  /** Facts the policy reads besides the plan. Policies that need `code` make ts-morph load. */
  needs?: readonly PolicyNeed[];
  /** Plan fragments for `explain` and the docs page. */
  examples?: { fail: string; pass: string };
  /**
   * Where the policy is documented (for policies from `policyDirs`); default: the page under the
   * config's `docsBaseUrl`, when it names one.
   */
  docsUrl?: string;
  /**
   * The policy asks the plan's scaffold placeholders, one finding each. While it is on, other
   * findings about the part of the plan that holds a placeholder wait for its answer (runCheck).
   */
  asksPlaceholders?: true;
}

/** Where a code fact sits (the code side of a plan claim). */
export interface CodeLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** One finding reported by a policy. */
export interface PolicyReport<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  /** JSON pointer into the plan: where the finding is, or the plan line behind a code finding. */
  pointer: string;
  /** Point at the key rather than the value (default: value). */
  target?: 'key' | 'value';
  /** For findings about code: the code location. The plan pointer becomes a related location. */
  at?: CodeLocation;
  /** With `at`: what the related plan location is (default "claimed in the plan here"). */
  planMessage?: string;
  hint?: string;
  related?: RelatedLocation[];
  /** Other plan locations that explain the finding; the engine turns them into related locations. */
  relatedPointers?: { pointer: string; message: string }[];
  /**
   * A lower severity for this finding than the policy's (e.g. `minor` for a claim the checker
   * could not confirm either way); never raises it above what config gives the policy.
   */
  severity?: Severity;
}

export interface PolicyContext<MessageIds extends string = string, Options = Record<string, unknown>> {
  /** The plan, valid against the schema and deeply frozen. */
  readonly plan: DeployPlan;
  /** The Nx project the plan belongs to. */
  readonly project: string;
  /** Options after defaults and config are merged. */
  readonly options: Options;
  /** Facts gathered for the project (only those the policy `needs`). */
  readonly facts: ProjectFacts;
  /**
   * The scaffold placeholders (`TODO(deploy-plan)`) of the plan as written, including those set
   * aside from `plan` because their field takes another type. Findings near one wait for it to
   * be answered (see runCheck); `completeness/no-placeholders` reports them.
   */
  readonly placeholders: readonly Placeholder[];
  readonly report: (finding: PolicyReport<MessageIds>) => void;
}

export interface Policy<MessageIds extends string = string, Options = Record<string, unknown>> {
  /** `<topic>/<file-name>`, e.g. `rollout/stages-rise-to-full`. */
  id: string;
  meta: PolicyMeta<MessageIds, Options>;
  /** Pure: reads the plan and facts, calls `report`; no I/O, no console. */
  check(context: PolicyContext<MessageIds, Options>): void;
}

/** A policy of any message ids and options, as lists hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- check() takes Options; unknown would not accept them
export type AnyPolicy = Policy<string, any>;

/** Declares a policy. Typing only: the id and meta are checked by the policy meta-tests. */
export function definePolicy<MessageIds extends string, Options = Record<string, never>>(
  policy: Policy<MessageIds, Options>,
): Policy<MessageIds, Options> {
  return policy;
}
