// Types of bin/bundle.js for the TypeScript that imports it (the tests).
import type { ChildProcess } from 'node:child_process';

export interface Bundle {
  cli: string;
  workers: Record<string, string>;
  extractSnapshot: string | undefined;
}
export function loadBundle(): Promise<Bundle>;
export const EXTRACT_HEAP_MB: number;
export function startExtractProcess(blob: string): ChildProcess;
