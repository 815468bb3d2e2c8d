// What the site's disclosure presets ask of each arm, before saving: each active rule's text and
// source once, then per arm each requirement met, missing (the start will be refused) or allowed
// under research (the arm runs, marked in the results). The server's own policy module decides.
import type { ArmRequirement } from '../../../server/experiments/policy.js';
import { citeSource, NOT_LEGAL_ADVICE, PRESET_ORDER, PRESET_RULES } from '../../../server/experiments/policy-rules.js';
import type { DisclosurePreset } from '../../../server/experiments/vocabulary.js';

interface PolicyRequirementsProps {
  presets: readonly DisclosurePreset[];
  requirements: readonly ArmRequirement[];
}

function status(requirement: ArmRequirement): { tone: string; words: string } {
  if (requirement.missing === null) return { tone: 'met', words: 'Met' };
  if (requirement.waived) return { tone: 'waived', words: 'Allowed under research, marked in the results' };
  return { tone: 'missing', words: 'Missing: the start will be refused' };
}

export function PolicyRequirements({ presets, requirements }: PolicyRequirementsProps) {
  const active = PRESET_ORDER.filter((preset) => presets.includes(preset));
  const arms = [...new Set(requirements.map((requirement) => requirement.variant))];
  return (
    <section class="policy-requirements" aria-labelledby="policy-requirements-title">
      <h3 id="policy-requirements-title">Disclosure rules in force</h3>
      <ul class="policy-rules">
        {active.map((preset) => (
          <li key={preset} data-rule={preset}>
            <strong>{PRESET_RULES[preset].title}</strong>
            <p class="small">{PRESET_RULES[preset].summary}</p>
            <p class="muted small">
              {citeSource(PRESET_RULES[preset])}. {NOT_LEGAL_ADVICE}
            </p>
          </li>
        ))}
      </ul>
      {arms.length === 0 ? (
        <p class="muted small">No rule here asks anything of these arms.</p>
      ) : (
        <ul class="arm-requirements" aria-label="What each arm must do">
          {arms.map((arm) => (
            <li key={arm} data-variant={arm}>
              <strong>{arm}</strong>
              <ul>
                {requirements
                  .filter((requirement) => requirement.variant === arm)
                  .map((requirement) => {
                    const { tone, words } = status(requirement);
                    return (
                      <li key={`${requirement.rule}-${requirement.asks}`} class={`requirement requirement-${tone}`} data-rule={requirement.rule}>
                        {PRESET_RULES[requirement.rule].title} asks {requirement.asks}. <em>{words}</em>
                        {requirement.problem && <span class="small"> ({requirement.problem})</span>}
                      </li>
                    );
                  })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
