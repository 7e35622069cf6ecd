const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds in a duration such as `30s`, `5m` or `1h30m`; undefined when malformed. */
export function parseDuration(text: string | undefined): number | undefined {
  if (typeof text !== 'string' || !/^([0-9]+(ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/([0-9]+)(ms|s|m|h|d)/g)) total += Number(n) * UNIT_MS[unit];
  return total;
}

/** A short human form of milliseconds: `90000` -> `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit];
    const n = Math.floor(rest / size);
    if (n) {
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  return parts.join('');
}
