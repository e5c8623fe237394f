import { describe, expect, it } from 'vitest';
import { matchIntent } from './embed-intents';

describe('the embed panel\'s intent matcher', () => {
  it.each([
    ['Why is the score so low?', 'score'],
    ['How likely is she to convert?', 'score'],
    ['Is this lead hot?', 'score'],
    ['What deals are open?', 'deals'],
    ['How much is in the pipeline for them?', 'deals'],
    ['When did we last talk?', 'last_activity'],
    ['Any recent activity?', 'last_activity'],
    ['Which company does he work for?', 'company'],
    ['How many employees does the account have?', 'company'],
    ['What should I do next?', 'next_step'],
    ['Recommend a next step for this deal', 'next_step'],
    ['What is the weather in Paris?', 'help'],
    ['', 'help'],
  ])('%j → %s', (question, intent) => {
    expect(matchIntent(question)).toBe(intent);
  });
});
