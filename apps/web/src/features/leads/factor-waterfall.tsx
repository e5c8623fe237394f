import type { LeadFactor } from '@hub/contracts';
import { LogOddsWaterfall } from '../../ui/charts/log-odds-waterfall';

const LEGEND = { up: 'Raises the score', down: 'Lowers the score', total: 'Score (log-odds)' };

/** A lead score's factors (already ranked by the API), from the base rate to the score. */
export function FactorWaterfall({ baseLogit, factors }: { baseLogit: number; factors: readonly LeadFactor[] }) {
  return (
    <LogOddsWaterfall base={baseLogit} factors={factors} totalLabel="Score" legend={LEGEND} labelWidth={170}
      ariaLabel="How each factor moves the score, in log-odds" />
  );
}
