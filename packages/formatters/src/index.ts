import { json } from './json';
import { stylish } from './stylish';
import type { Formatter } from './types';

export { countDiagnostics, plural } from './counts';
export type { Counts } from './counts';
export { JSON_REPORT_VERSION, json } from './json';
export { stylish } from './stylish';
export type { FormatInput, FormatOptions, FormattedPlan, Formatter } from './types';

/** Every built-in format by name. */
export const formatters: Readonly<Record<string, Formatter>> = { stylish, json };

export type FormatName = keyof typeof formatters;
