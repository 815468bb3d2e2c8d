// From what the C2PA reader returns (c2pa-rs's manifest store JSON) or an XMP packet to the
// summary Candor keeps. Pure. The creating action is looked for in the active manifest, then
// down its parentOf ingredients: an AI picture later cropped keeps its origin one manifest down.
import { AI_SOURCE_TYPES, NO_PROVENANCE, sourceTypeName, type Provenance } from './source-type.js';

type Json = Record<string, any>;

const MAX_DEPTH = 16;
const STATES: Record<string, Provenance['validation']> = { Trusted: 'trusted', Valid: 'valid', Invalid: 'invalid' };

export function summariseManifestStore(store: Json): Provenance {
  const manifests: Json = store.manifests ?? {};
  const active: Json | undefined = manifests[store.active_manifest];
  if (!active) return { ...NO_PROVENANCE, manifest: true, validation: 'invalid', problems: ['no active manifest'] };
  const failures: Json[] = store.validation_results?.activeManifest?.failure ?? store.validation_status ?? [];
  const problems = [...new Set(failures.map((status) => String(status.code)))];
  const validation = STATES[store.validation_state] ?? (problems.length > 0 ? 'invalid' : 'valid');
  const action = creatingAction(manifests, store.active_manifest);
  const signature: Json | undefined = active.signature_info;
  return {
    source: 'c2pa',
    manifest: true,
    validation,
    problems,
    claimGenerator: claimGenerator(active),
    digitalSourceType: typeof action?.digitalSourceType === 'string' ? action.digitalSourceType : null,
    softwareAgent: softwareAgent(action?.softwareAgent),
    signer: signature ? { issuer: text(signature.issuer), name: text(signature.common_name), time: text(signature.time) } : null,
  };
}

/**
 * The error the reader threw, as a summary: no manifest at all; a manifest it could not make
 * sense of (c2pa-rs's own errors, `C2pa(…)`); or a failure of the reader itself (out of memory),
 * which says nothing about the file: no manifest known, and the reason kept.
 */
export function summariseReadError(error: string): Provenance {
  if (/JumbfNotFound|ProvenanceMissing|UnsupportedType/.test(error)) return NO_PROVENANCE;
  const problems = [error.slice(0, 300)];
  return /^C2pa\(/.test(error) ? { ...NO_PROVENANCE, manifest: true, validation: 'invalid', problems } : { ...NO_PROVENANCE, problems };
}

export function summariseXmp(digitalSourceType: string): Provenance {
  return { ...NO_PROVENANCE, source: 'xmp', digitalSourceType };
}

function actionsOf(manifest: Json): Json[] {
  const assertions: Json[] = manifest.assertions ?? [];
  return assertions.filter((assertion) => /^c2pa\.actions(\.v\d+)?$/.test(assertion.label)).flatMap((assertion) => assertion.data?.actions ?? []);
}

function creatingAction(manifests: Json, label: string): Json | null {
  let current: Json | undefined = manifests[label];
  for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
    const actions = actionsOf(current);
    const created = actions.find((action) => action.action === 'c2pa.created');
    if (created) return created;
    // An edit made with generative AI (generative fill) says so on its own action.
    const aiEdit = actions.find((action) => typeof action.digitalSourceType === 'string' && AI_SOURCE_TYPES.includes(sourceTypeName(action.digitalSourceType)));
    if (aiEdit) return aiEdit;
    const parent = ((current.ingredients ?? []) as Json[]).find((ingredient) => ingredient.relationship === 'parentOf');
    current = parent?.active_manifest ? manifests[parent.active_manifest] : undefined;
  }
  return null;
}

function claimGenerator(manifest: Json): string | null {
  if (typeof manifest.claim_generator === 'string' && manifest.claim_generator) return manifest.claim_generator.slice(0, 200);
  const info: Json[] = manifest.claim_generator_info ?? [];
  const named = info.filter((entry) => typeof entry.name === 'string').map((entry) => (entry.version ? `${entry.name}/${entry.version}` : entry.name));
  return named.length > 0 ? named.join(' ').slice(0, 200) : null;
}

function softwareAgent(agent: unknown): string | null {
  if (typeof agent === 'string') return agent.slice(0, 200) || null;
  if (agent && typeof agent === 'object' && typeof (agent as Json).name === 'string') {
    const { name, version } = agent as Json;
    return (version ? `${name} ${version}` : name).slice(0, 200);
  }
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value.slice(0, 200) : null;
}
