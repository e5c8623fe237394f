import type { EmbedIntent } from '@hub/contracts';

/**
 * Words that point at each thing the panel can answer. A question goes to the intent with the most
 * hits; ties go to the earlier intent in this list (a "next step" question often mentions deals).
 */
const CUES: [Exclude<EmbedIntent, 'help'>, RegExp[]][] = [
  ['next_step', [/\bnext\b/, /\brecommend/, /\bsuggest/, /\bshould\b/, /\badvi[cs]e/, /\bfollow[- ]?up/, /\bwhat (to|do i|can i) do\b/, /\baction/, /\bapproach/]],
  ['score', [/\bscor/, /\bwhy\b/, /\blikel/, /\bprobab/, /\bconver/, /\bhot\b/, /\bwarm\b/, /\bcold\b/, /\bqualif/, /\bfactor/, /\brating/, /\bpriorit/]],
  ['deals', [/\bdeals?\b/, /\bpipeline/, /\bopportunit/, /\bamount/, /\bworth\b/, /\bvalue\b/, /\brevenue/, /\bclos(e|ing)\b/, /\bstage/, /\bbudget/]],
  ['last_activity', [/\blast\b/, /\blatest\b/, /\brecent/, /\bwhen\b/, /\btouch/, /\bactivit/, /\bcall(ed|s)?\b/, /\bemail/, /\bmeeting/, /\bhistory/, /\bspoke|talked|heard/]],
  ['company', [/\bcompany/, /\baccount\b/, /\borgani[sz]ation/, /\bindustry/, /\bemployees?\b/, /\bwork(s)? (at|for)\b/, /\bfirm\b/, /\bsize\b/, /\bcountry/, /\bwho is\b/]],
];

export function matchIntent(question: string): EmbedIntent {
  const text = question.toLowerCase();
  let best: EmbedIntent = 'help';
  let bestHits = 0;
  for (const [intent, patterns] of CUES) {
    const hits = patterns.filter((pattern) => pattern.test(text)).length;
    if (hits > bestHits) [best, bestHits] = [intent, hits];
  }
  return best;
}
