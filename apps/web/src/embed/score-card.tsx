import type { EmbedContext } from '@hub/contracts';

/** The lead score with its reasons as signed bars, or plainly why there is none. */
export function ScoreCard({ context }: { context: EmbedContext }) {
  const score = context.lead_score;
  if (!score) {
    return (
      <section className="card" aria-labelledby="score-title">
        <h2 id="score-title">Lead score</h2>
        <p className="muted">{context.lead_score_note ?? 'Not scored yet.'}</p>
      </section>
    );
  }
  const factors = score.factors.slice(0, 5);
  const widest = Math.max(...factors.map((f) => Math.abs(f.contribution)), 0.01);
  return (
    <section className="card" aria-labelledby="score-title">
      <h2 id="score-title">Lead score</h2>
      <p className="score">
        <strong data-testid="score-value">{score.score}</strong>
        <span className="muted">/100 · {Math.round(score.probability * 100)}% to convert · {score.confidence_level} confidence</span>
      </p>
      <ul className="factors" aria-label="What drives the score">
        {factors.map((factor) => (
          <li key={factor.key + factor.label} className={factor.contribution >= 0 ? 'up' : 'down'}>
            <span>{factor.label}</span>
            <span className="bar" aria-hidden="true"><span style={{ width: `${(Math.abs(factor.contribution) / widest) * 100}%` }} /></span>
            <span className="value">{factor.contribution >= 0 ? 'raises' : 'lowers'} {Math.abs(factor.contribution).toFixed(2)}</span>
          </li>
        ))}
      </ul>
      <p><strong>Next step:</strong> {score.recommendation}</p>
    </section>
  );
}
