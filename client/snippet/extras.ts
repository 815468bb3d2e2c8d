// The extras (/c-extras.js): what only some page views need, kept out of /c.js so that every
// page view loads less: the survey card (asked once per visitor and experiment), video watching
// (video variants only) and the shop-form listeners (pages with an add-to-cart form or button).
// The main snippet loads it on first need (load-extras.ts).
import { watchShopForms } from './commerce.js';
import { askSurvey } from './survey.js';
import type { Extras } from './types.js';
import { watchVideo } from './video.js';

const extras: Extras = { askSurvey, watchVideo, watchShopForms };
(window as unknown as { candorExtras: Extras }).candorExtras = extras;
