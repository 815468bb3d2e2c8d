// The parts of GET /v1/config the snippet reads (server/public/snippet-config.ts builds it), and
// the events it sends (server/collect/parse.ts reads them).

export interface Media {
  type: 'image' | 'video';
  url: string;
  poster?: string | null;
  alt: string;
  width?: number | null;
  height?: number | null;
}

export interface Disclosure {
  style: 'none' | 'label' | 'caption' | 'badge' | 'credentials';
  text: string | null;
  position: string | null;
}

export interface Variant {
  key: string;
  control: boolean;
  weight: number;
  media: Media;
  disclosure: Disclosure;
  clickUrl: string | null;
  /** The creative's markup, built by the server. */
  html: string;
}

export interface Survey {
  question: 'trust' | 'noticed';
  text: string;
  delaySeconds: number;
  choices: Array<{ value: number; label: string }>;
  close: string;
  /** The card's markup, built by the server. */
  html: string;
}

export interface Experiment {
  key: string;
  slot: string;
  seed: string;
  coverage: number;
  variants: Variant[];
  survey?: Survey | null;
}

export interface Config {
  experiments: Experiment[];
}

export interface CandorEvent {
  type: string;
  id?: string;
  ts?: number;
  experiment?: string;
  variant?: string;
  value?: number;
  name?: string;
  order?: string;
  props?: Record<string, string | number | boolean>;
}

export type Report = (event: CandorEvent, now?: boolean) => void;

export interface Extras {
  askSurvey(survey: Survey, answer: (value: number) => void): void;
  watchVideo(media: HTMLVideoElement, report: Report): void;
  watchShopForms(report: Report): void;
}
