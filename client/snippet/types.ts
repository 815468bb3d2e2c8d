// GET /v1/config as the server builds it (server/public/snippet-config.ts: the one definition of
// that contract; type-only, so nothing of the server is bundled), and the events the snippet
// sends (server/collect/wire-event.ts declares them, parse.ts reads them).
import type { PublicExperiment, PublicVariant, SnippetConfig } from '../../server/public/snippet-config.js';
import type { SurveyCard } from '../../server/public/survey-card.js';
import type { WireEvent } from '../../server/collect/wire-event.js';

export type Config = SnippetConfig;
export type Experiment = PublicExperiment;
export type Variant = PublicVariant;
export type Survey = SurveyCard;

/** The event as the snippet sends it: the server's one declaration of the wire event. */
export type CandorEvent = WireEvent;

export type Report = (event: CandorEvent, now?: boolean) => void;

export interface Extras {
  askSurvey(survey: Survey, experiment: string, answer: (value: number) => void): void;
  watchVideo(media: HTMLVideoElement, report: Report): void;
  watchShopForms(report: Report, visitor: string): void;
}
