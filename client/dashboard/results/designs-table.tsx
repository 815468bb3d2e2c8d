// Noticed against cost: for each disclosure design, how many visitors noticed it was AI beside
// what it costs on the primary metric and whether that stays within the shop's margin, so a shop
// can pick the design noticed most for the least cost.
import { percent, range, signedPercent } from '../format.js';
import type { ResultsDocument } from '../types.js';

const STYLE_NAMES: Record<string, string> = { label: 'Label', caption: 'Caption', badge: 'Badge', icon: 'AI icon', credentials: 'Content Credentials pin' };

export function DesignsTable({ designs, names, videos }: { designs: ResultsDocument['designs']; names: Map<string, string>; videos: Set<string> }) {
  if (designs.designs.length === 0) return null;
  const { baseline } = designs;
  const against = baseline.against === 'undisclosed-ai' ? 'the AI arm without a label' : 'the control';
  return (
    <>
      <h3>Noticed against cost</h3>
      <p class="muted small">
        {designs.note} Unlabelled, {baseline.noticed.answered > 0 ? `${percent(baseline.noticed.share, 0)} noticed` : 'no one has answered yet'} (
        {baseline.variants.map((key) => names.get(key) ?? key).join(', ')}).
      </p>
      <div class="table-scroll">
        <table class="table designs-table">
          <caption class="visually-hidden">Each disclosure design: noticed share, cost against {against}, and non-inferiority</caption>
          <thead>
            <tr>
              <th scope="col">Design</th>
              <th scope="col" class="num">Noticed it was AI</th>
              <th scope="col" class="num">Cost vs {against}</th>
              <th scope="col">Not worse than {signedPercent(designs.margin, 0)}</th>
            </tr>
          </thead>
          <tbody>
            {designs.designs.map((design) => (
              <tr key={design.variant} data-design={design.variant}>
                <th scope="row">
                  {names.get(design.variant) ?? design.variant}
                  <span class="ci">
                    {STYLE_NAMES[design.style] ?? design.style}
                    {design.wording ? ` · “${design.wording}”` : ''}
                    {design.showForSeconds !== null ? ` · first ${design.showForSeconds} s` : videos.has(design.variant) ? ' · throughout' : ''}
                  </span>
                </th>
                <td class="num">
                  {design.noticed.answered > 0 ? percent(design.noticed.share, 0) : '—'}
                  <span class="ci">{design.noticed.answered > 0 ? `${range(percent(design.noticed.lower, 0), percent(design.noticed.upper, 0))} · ${design.noticed.answered} answers` : 'no answers yet'}</span>
                </td>
                <td class="num">
                  {signedPercent(design.cost.estimate)}
                  <span class="ci">{range(signedPercent(design.cost.lower), signedPercent(design.cost.upper))}</span>
                </td>
                <td>{design.nonInferiority.nonInferior ? 'Yes' : design.nonInferiority.lowerBound === null ? 'Not yet' : 'Not shown'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="muted small designs-sentences">
        {designs.designs.map((design) => (
          <li key={design.variant}>
            {names.get(design.variant) ?? design.variant}: {design.sentence}
          </li>
        ))}
      </ul>
    </>
  );
}
