// The import form's state and the query the import route takes (server/imports/options.ts):
// site, key, the arm and control, optional visitor and day columns, each metric as
// COLUMN=METRIC[:LABEL], up to four segment columns, and each arm's creative as ARM=ORIGIN and
// ARM=DISCLOSURE.
import type { ImportQuery } from '../api.js';

export interface MetricMappingForm {
  column: string;
  metric: string;
  label: string;
}

export interface ArmForm {
  arm: string;
  origin: 'traditional' | 'ai' | 'hybrid';
  disclosure: 'none' | 'label' | 'caption' | 'badge' | 'credentials';
}

export interface ImportForm {
  siteId: string;
  key: string;
  name: string;
  armColumn: string;
  control: string;
  visitorColumn: string;
  dayColumn: string;
  metrics: MetricMappingForm[];
  /** Columns whose values segment the visitors (at most four). */
  segmentColumns: string[];
  arms: ArmForm[];
}

export function emptyImportForm(siteId = ''): ImportForm {
  return { siteId, key: '', name: '', armColumn: '', control: '', visitorColumn: '', dayColumn: '', metrics: [{ column: '', metric: 'purchased', label: '' }], segmentColumns: [], arms: [] };
}

/** "Hillstrom Email Test.csv" → "hillstrom-email-test": a key the API accepts. */
export function keyFromFileName(name: string): string {
  return (
    name
      .replace(/\.[^.]+$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+|-+$/g, '')
      .slice(0, 64) || 'imported-test'
  );
}

export function importQuery(form: ImportForm): ImportQuery {
  const query: ImportQuery = [
    ['site', form.siteId],
    ['key', form.key.trim()],
    ['arm', form.armColumn],
    ['control', form.control.trim()],
  ];
  if (form.name.trim()) query.push(['name', form.name.trim()]);
  if (form.visitorColumn) query.push(['visitor', form.visitorColumn]);
  if (form.dayColumn) query.push(['day', form.dayColumn]);
  for (const mapping of form.metrics) {
    if (!mapping.column) continue;
    query.push(['metric', `${mapping.column}=${mapping.metric}${mapping.label.trim() ? `:${mapping.label.trim()}` : ''}`]);
  }
  for (const column of form.segmentColumns) query.push(['segment', column]);
  for (const arm of form.arms) {
    if (!arm.arm.trim()) continue;
    if (arm.origin !== 'traditional') query.push(['origin', `${arm.arm.trim()}=${arm.origin}`]);
    if (arm.disclosure !== 'none') query.push(['disclosure', `${arm.arm.trim()}=${arm.disclosure}`]);
  }
  return query;
}
