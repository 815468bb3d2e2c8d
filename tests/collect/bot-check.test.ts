// The remembered bot check answers as isbot does, for agents it has seen and agents it has evicted.
import { isbot } from 'isbot';
import { expect, it } from 'vitest';
import { createBotCheck } from '../../server/collect/bot-check.js';

const agents = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'curl/8.5.0',
  '',
  `Mozilla/5.0 ${'x'.repeat(600)}`,
];

it('answers as isbot, first time and remembered, past its capacity too', () => {
  const check = createBotCheck(2);
  for (let round = 0; round < 3; round++) {
    for (const agent of agents) expect(check(agent)).toBe(isbot(agent));
  }
});
