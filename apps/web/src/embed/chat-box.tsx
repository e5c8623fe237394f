import { type FormEvent, useRef, useState } from 'react';
import type { RecordRef } from '@hub/contracts';
import { askQuestion, EmbedApiError } from './embed-api';

interface Turn {
  id: number;
  question: string;
  answer: string;
  state: 'streaming' | 'done' | 'failed';
}

const SUGGESTIONS = ['Why this score?', 'What deals are open?', 'When did we last talk?', 'What should I do next?'];

/** Questions about the record; each answer grows in place as its chunks stream in. */
export function ChatBox({ record, token, onExpired }: { record: RecordRef; token: string; onExpired: (message: string) => void }) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [question, setQuestion] = useState('');
  const busy = turns.some((turn) => turn.state === 'streaming');
  const nextId = useRef(1);

  const update = (id: number, change: (turn: Turn) => Turn) => setTurns((all) => all.map((turn) => (turn.id === id ? change(turn) : turn)));

  async function ask(text: string) {
    const asked = text.trim();
    if (!asked || busy) return;
    const id = nextId.current++;
    setTurns((all) => [...all, { id, question: asked, answer: '', state: 'streaming' }]);
    setQuestion('');
    try {
      await askQuestion(record, token, asked, (chunk) => {
        if (chunk.type === 'delta') update(id, (turn) => ({ ...turn, answer: turn.answer + chunk.text }));
        if (chunk.type === 'done') update(id, (turn) => ({ ...turn, state: 'done' }));
        if (chunk.type === 'error') update(id, (turn) => ({ ...turn, answer: `${turn.answer} ${chunk.message}`, state: 'failed' }));
      });
      update(id, (turn) => (turn.state === 'streaming' ? { ...turn, state: 'done' } : turn));
    } catch (error) {
      if (error instanceof EmbedApiError && error.expired) onExpired(error.message);
      const message = error instanceof Error ? error.message : String(error);
      update(id, (turn) => ({ ...turn, answer: `Could not answer: ${message}`, state: 'failed' }));
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void ask(question);
  };

  return (
    <section className="card chat" aria-labelledby="chat-title">
      <h2 id="chat-title">Ask about this record</h2>
      <div className="turns" role="log" aria-live="polite" aria-busy={busy}>
        <ol className="plain">
          {turns.map((turn) => (
            <li key={turn.id} data-state={turn.state}>
              <p className="question">{turn.question}</p>
              <p className="answer">{turn.answer || 'Thinking…'}</p>
            </li>
          ))}
        </ol>
      </div>
      {turns.length === 0 && (
        <div className="suggestions" role="group" aria-label="Suggested questions">
          {SUGGESTIONS.map((text) => <button key={text} type="button" onClick={() => void ask(text)}>{text}</button>)}
        </div>
      )}
      <form onSubmit={submit} className="ask">
        <label htmlFor="embed-question" className="visually-hidden">Your question</label>
        <input id="embed-question" name="question" value={question} maxLength={500} autoComplete="off"
          placeholder="e.g. Why is the score what it is?" onChange={(event) => setQuestion(event.target.value)} />
        <button type="submit" disabled={busy || question.trim() === ''}>Ask</button>
      </form>
    </section>
  );
}
