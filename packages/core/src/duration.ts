const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

// Plans repeat a handful of durations (`30s`, `5m`) and policies read them many times.
const parsed = new Map<string, number | undefined>();
const DURATION = /^([0-9]+(ms|s|m|h|d))+$/;
const PART = /([0-9]+)(ms|s|m|h|d)/g;

/** Milliseconds in a duration such as `30s`, `5m` or `1h30m`; undefined when malformed. */
export function parseDuration(text: string | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (parsed.has(text)) return parsed.get(text);
  let total: number | undefined;
  if (DURATION.test(text)) {
    total = 0;
    PART.lastIndex = 0;
    for (let m = PART.exec(text); m; m = PART.exec(text)) total += Number(m[1]) * UNIT_MS[m[2]];
  }
  if (parsed.size >= 1000) parsed.clear();
  parsed.set(text, total);
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
