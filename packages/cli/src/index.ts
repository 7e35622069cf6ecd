export { buildProgram, main } from './cli';
export { EXIT, UsageError, processIo, useColor } from './io';
export type { CliIo } from './io';
