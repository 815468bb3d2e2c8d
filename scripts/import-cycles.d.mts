/** Folder -> imported folder -> the "file -> specifier" imports that make the edge. */
export type FolderGraph = Map<string, Map<string, string[]>>;
export function folderGraph(root: string): FolderGraph;
export function folderCycles(graph: FolderGraph): string[][];
