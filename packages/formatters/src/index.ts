import { github } from './github';
import { html } from './html';
import { json } from './json';
import { junit } from './junit';
import { markdown } from './markdown';
import { sarif } from './sarif';
import { stylish } from './stylish';
import type { Formatter } from './types';

export { countDiagnostics, plural } from './counts';
export { oneLine } from './escape';
export type { Counts } from './counts';
export { JSON_REPORT_VERSION, json } from './json';
export { stylish } from './stylish';
export { fingerprint, sarif } from './sarif';
export { junit, xml } from './junit';
export { escapeData, escapeProperty, github, MAX_ANNOTATIONS } from './github';
export { cell, inline, markdown } from './markdown';
export { html } from './html';
export { humanDuration, monitoringConfig, renderRunbook } from './runbook';
export { CONTROLLER_FORMATS, CONTROLLER_MARK, ControllerRenderError, renderController } from './controllers';
export type { ControllerFormat, ControllerOptions } from './controllers';
export type { RunbookOptions } from './runbook';
export type { FormatInput, FormatOptions, FormattedPlan, Formatter, RuleInfo } from './types';

/** Every built-in format by name (`formatterFor` loads one without the others). */
export const formatters: Readonly<Record<string, Formatter>> = { stylish, json, sarif, junit, github, markdown, html };

export { FORMAT_NAMES, formatterFor, isFormatName } from './formats';
export type { FormatName } from './formats';
