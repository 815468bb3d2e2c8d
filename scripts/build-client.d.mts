export function buildClient(options?: { quiet?: boolean }): Promise<void>;
