import { formatDateTime, formatPercent } from '../../lib/format';
import { Panel } from '../../ui/page';
import { QueryView } from '../../ui/query-view';
import { useLeadExplanation } from './api/explain-lead';
import { FactorWaterfall } from './factor-waterfall';

/** Why a lead scores what it does: the factor waterfall and the evidence behind each factor. */
export function LeadExplanation({ contactId }: { contactId: number | undefined }) {
  const explanation = useLeadExplanation(contactId);
  return (
    <Panel title="Why this score" className="lead-explanation">
      {contactId === undefined ? <p className="empty">Choose a lead by its name to see the factors behind its score.</p> : (
        <QueryView query={explanation} what="the lead's factors">
          {(score) => (
            <div data-contact-id={score.contact_id}>
              <p>
                Contact {score.contact_id}: score <strong data-testid="explained-score">{score.score}</strong> ({formatPercent(score.probability)} to convert),
                confidence {score.confidence_level}; {score.model_version}, as of {formatDateTime(score.as_of)} (scored {formatDateTime(score.scored_at)}).
              </p>
              <p><strong>Next step:</strong> {score.recommendation}</p>
              {score.method === 'rules' && <p className="muted">Scored by the documented rules (no lead model was trained when it was scored).</p>}
              <FactorWaterfall baseLogit={score.base_logit} factors={score.factor_details} />
            </div>
          )}
        </QueryView>
      )}
    </Panel>
  );
}
