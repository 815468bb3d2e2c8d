// A creative's provenance as Candor keeps it (a summary of its C2PA Content Credentials, or of
// its XMP source type), and what it means in words. No Node imports: the dashboard bundles this
// file through experiments/policy.ts.

export interface Provenance {
  /** Where the facts come from: a C2PA manifest, an XMP packet, or neither. */
  source: 'c2pa' | 'xmp' | 'none';
  manifest: boolean;
  /** c2pa-rs's verdict on the manifest: trusted (valid, and its signer on a trust list), valid, invalid; null without one. */
  validation: 'trusted' | 'valid' | 'invalid' | null;
  /** Why it is not trusted or not valid: the failed checks' codes (e.g. signingCredential.untrusted), or the reader's error. */
  problems: string[];
  /** The app that wrote the manifest, e.g. "make_test_images/0.33.1 c2pa-rs/0.33.1". */
  claimGenerator: string | null;
  /** The IPTC digital source type of the creating action (c2pa.created), or of XMP's DigitalSourceType. */
  digitalSourceType: string | null;
  /** The tool the creating action names (its softwareAgent), e.g. a model's name. */
  softwareAgent: string | null;
  /** Who signed: the certificate's organisation and common name, and the signing time when timestamped. */
  signer: { issuer: string | null; name: string | null; time: string | null } | null;
}

export const NO_PROVENANCE: Provenance = Object.freeze({
  source: 'none',
  manifest: false,
  validation: null,
  problems: [],
  claimGenerator: null,
  digitalSourceType: null,
  softwareAgent: null,
  signer: null,
}) as Provenance;

/** The IPTC terms for media made by generative AI, whole or in part. */
export const AI_SOURCE_TYPES: readonly string[] = ['trainedAlgorithmicMedia', 'compositeWithTrainedAlgorithmicMedia'];

const WORDS: Record<string, string> = {
  trainedAlgorithmicMedia: 'made with generative AI',
  compositeWithTrainedAlgorithmicMedia: 'edited with generative AI',
  algorithmicMedia: 'made by an algorithm, not generative AI',
  digitalCapture: 'captured by a camera',
  computationalCapture: 'captured by a camera, computationally processed',
  compositeCapture: 'a composite of camera captures',
  composite: 'a composite',
  compositeSynthetic: 'a composite with synthetic elements',
  digitalCreation: 'made by a person with digital tools',
  digitalArt: 'made by a person with digital tools',
  minorHumanEdits: 'captured, with minor human edits',
  screenCapture: 'a screen capture',
  virtualRecording: 'a virtual recording',
};

/** `http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia` → `trainedAlgorithmicMedia`. */
export function sourceTypeName(uri: string): string {
  return uri.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? uri;
}

export function saysMadeWithAi(provenance: Pick<Provenance, 'digitalSourceType'> | null | undefined): boolean {
  const type = provenance?.digitalSourceType;
  return !!type && AI_SOURCE_TYPES.includes(sourceTypeName(type));
}

/** One line for a tooltip, a screen reader and a warning: what the file says it is, and who says so. */
export function describeProvenance(provenance: Provenance): string {
  if (provenance.source === 'none') return provenance.manifest ? 'Content Credentials that could not be read' : 'No Content Credentials';
  const parts: string[] = [];
  if (provenance.digitalSourceType) {
    const name = sourceTypeName(provenance.digitalSourceType);
    parts.push(WORDS[name] ? `${WORDS[name]} (${name})` : name);
  }
  if (provenance.softwareAgent) parts.push(`with ${provenance.softwareAgent}`);
  else if (provenance.claimGenerator) parts.push(`recorded by ${provenance.claimGenerator}`);
  if (provenance.source === 'xmp') return `Metadata (XMP) says: ${parts.join(', ') || 'no source type'}`;
  const signer = provenance.signer?.issuer ?? provenance.signer?.name;
  if (signer) parts.push(`signed by ${signer}`);
  if (provenance.validation === 'invalid') parts.push('but they do not verify');
  return `Content Credentials: ${parts.join(', ') || 'no source type given'}`;
}

/** What the editor proposes for a variant using this creative: AI origin and the generator, when the file says so. */
export function suggestFromProvenance(provenance: Provenance): { origin: 'ai' | 'hybrid'; generator: string | null } | null {
  if (!saysMadeWithAi(provenance)) return null;
  const composite = sourceTypeName(provenance.digitalSourceType!) === 'compositeWithTrainedAlgorithmicMedia';
  const generator = provenance.softwareAgent ?? provenance.claimGenerator;
  return { origin: composite ? 'hybrid' : 'ai', generator: generator ? generator.slice(0, 120) : null };
}
