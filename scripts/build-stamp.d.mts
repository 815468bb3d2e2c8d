export interface SourceFile {
  path: string;
  bytes: Uint8Array;
}
export const BUILD_INPUTS: string[];
export const BUILD_OUTPUTS: string[];
export const STAMP_FILE: string;
export function fingerprint(files: readonly SourceFile[]): string;
export function staleReason(state: { stamp: string | null; current: string; missing: readonly string[] }): string | null;
export function readInputs(root: string, inputs?: readonly string[]): SourceFile[];
export function readStamp(root: string): string | null;
export function writeStamp(root: string, sources: string): void;
export function checkBuild(root: string): { current: string; reason: string | null };
