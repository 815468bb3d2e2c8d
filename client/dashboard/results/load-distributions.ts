// The per-arm distributions (GET /api/experiments/:id/distributions) for the results page, or
// null when they cannot be had: the page then draws what the results document alone allows.
import { api } from '../api.js';
import type { DistributionsDocument } from '../types.js';

export async function loadDistributions(experimentId: string): Promise<DistributionsDocument | null> {
  // The counts are extra: failing to get them must not cost the page its results.
  return api.distributions(experimentId).catch(() => null);
}
