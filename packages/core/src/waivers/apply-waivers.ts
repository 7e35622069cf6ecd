import { interpolate, type Diagnostic, type Severity } from '../diagnostic';
import { formatDuration } from '../duration';
import type { Waiver } from '../generated/plan';
import type { SourceSpan } from '../plan/load-plan';
import { didYouMean } from '../schema/did-you-mean';

export const WAIVER_RULES = {
  expired: {
    id: 'waivers/expired',
    severity: 'important' as Severity,
    description: 'A waiver is past its expiry date',
    rationale:
      'Waivers are temporary by design: once expired, the finding counts again and the ' +
      'waiver should be removed or renewed with a new reason.',
    messages: { expired: 'The waiver for `{{policy}}` expired on {{expires}}; its findings count again.' },
  },
  unused: {
    id: 'waivers/unused',
    severity: 'minor' as Severity,
    description: 'A waiver matches no finding',
    rationale: 'A waiver that excuses nothing hides nothing today but would silently excuse a future regression.',
    messages: { unused: 'The waiver for `{{policy}}`{{where}} matches no finding; remove it.' },
  },
  tooLong: {
    id: 'waivers/too-long',
    severity: 'important' as Severity,
    description: 'A waiver runs longer than the configured maximum for its severity',
    rationale:
      'Long waivers turn exceptions into policy; the maximum lifetime per severity is ' +
      'set in deploy-plan.config.yaml (`waivers.maxLifetime`).',
    messages: {
      tooLong:
        'The waiver for `{{policy}}` runs until {{expires}}, longer than the {{limit}} ' +
        'allowed for {{severity}} findings.',
    },
  },
  unknownPolicy: {
    id: 'waivers/unknown-policy',
    severity: 'important' as Severity,
    description: 'A waiver names a policy that does not exist',
    rationale: 'A misspelt policy id excuses nothing; the finding it meant to excuse still counts.',
    messages: { unknownPolicy: 'The waiver names `{{policy}}`, which is not a known policy.' },
  },
} as const;

export interface WaiverInput {
  waivers: readonly Waiver[];
  /** Diagnostics of the plan's policies (not yet waived). */
  diagnostics: readonly Diagnostic[];
  file: string;
  project: string;
  /** Today's date (UTC) as `YYYY-MM-DD`. */
  today: string;
  /** Longest allowed waiver per severity, in ms. */
  maxLifetime: Record<Severity, number>;
  /** Ids of every policy, enabled or not. */
  knownPolicies: readonly string[];
  /** Default severity per policy id, for the lifetime check. */
  severityOf(policy: string): Severity | undefined;
  readonly locate: (pointer: string, target?: 'key' | 'value') => SourceSpan;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

function covers(waiver: Waiver, d: Diagnostic): boolean {
  if (d.ruleId !== waiver.policy) return false;
  if (!waiver.pointer) return true;
  return d.pointer === waiver.pointer || (d.pointer ?? '').startsWith(`${waiver.pointer}/`);
}

/**
 * Marks findings excused by a live waiver as suppressed (reported, not counted), and reports
 * waivers that expired (their findings count again), match nothing, run too long or name an
 * unknown policy.
 */
export function applyWaivers(input: WaiverInput): Diagnostic[] {
  const out = input.diagnostics.map((d) => ({ ...d }));
  const extra: Diagnostic[] = [];
  const make = (
    rule: (typeof WAIVER_RULES)[keyof typeof WAIVER_RULES],
    messageId: string,
    data: Record<string, string>,
    pointer: string,
    hint?: string,
  ): Diagnostic => {
    const span = input.locate(pointer);
    return {
      ruleId: rule.id,
      severity: rule.severity,
      messageId,
      message: interpolate((rule.messages as Record<string, string>)[messageId], data),
      data,
      file: input.file,
      ...span,
      pointer,
      project: input.project,
      ...(hint ? { hint } : {}),
    };
  };
  input.waivers.forEach((waiver, i) => {
    const pointer = `/waivers/${i}`;
    if (!input.knownPolicies.includes(waiver.policy)) {
      const guess = didYouMean(waiver.policy, input.knownPolicies);
      extra.push(
        make(
          WAIVER_RULES.unknownPolicy,
          'unknownPolicy',
          { policy: waiver.policy },
          `${pointer}/policy`,
          guess ? `Did you mean \`${guess}\`?` : undefined,
        ),
      );
      return;
    }
    const expired = waiver.expires < input.today;
    const matched = out.filter((d) => !d.suppressed && covers(waiver, d));
    if (expired) {
      extra.push(
        make(WAIVER_RULES.expired, 'expired', { policy: waiver.policy, expires: waiver.expires }, `${pointer}/expires`),
      );
      return;
    }
    const severity = input.severityOf(waiver.policy);
    const limit = severity ? input.maxLifetime[severity] : undefined;
    if (severity && limit && (dayNumber(waiver.expires) - dayNumber(input.today)) * DAY_MS > limit) {
      extra.push(
        make(
          WAIVER_RULES.tooLong,
          'tooLong',
          { policy: waiver.policy, expires: waiver.expires, limit: formatDuration(limit), severity },
          `${pointer}/expires`,
        ),
      );
    }
    if (!matched.length) {
      extra.push(
        make(
          WAIVER_RULES.unused,
          'unused',
          { policy: waiver.policy, where: waiver.pointer ? ` at \`${waiver.pointer}\`` : '' },
          pointer,
        ),
      );
      return;
    }
    for (const d of matched)
      d.suppressed = { kind: 'waiver', reason: waiver.reason, owner: waiver.owner, expires: waiver.expires };
  });
  return [...out, ...extra];
}

/** Today's date (UTC) as `YYYY-MM-DD`. */
export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}
