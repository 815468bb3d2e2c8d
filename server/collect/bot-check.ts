// isbot, remembered per user agent: its one large regular expression cost about 2% of a request,
// while a site's traffic comes from a few hundred browsers' user agents at most.
import { isbot } from 'isbot';

/** A bot check that keeps the last `capacity` user agents' answers (the oldest goes first). */
export function createBotCheck(capacity = 2000): (userAgent: string) => boolean {
  const answers = new Map<string, boolean>();
  return (userAgent) => {
    let answer = answers.get(userAgent);
    if (answer === undefined) {
      answer = isbot(userAgent);
      // Long, unique user agents (forged ones) would only evict the common ones.
      if (userAgent.length > 512) return answer;
      if (answers.size >= capacity) answers.delete(answers.keys().next().value!);
      answers.set(userAgent, answer);
    }
    return answer;
  };
}
