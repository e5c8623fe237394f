import type { DealFactorView } from '@hub/contracts';
import { LogOddsWaterfall } from '../../../ui/charts/log-odds-waterfall';

const LEGEND = { up: 'Raises the chance', down: 'Lowers the chance', total: 'Win log-odds' };

/** A deal's win-probability factors, largest push first, from the base rate to its log-odds. */
export default function DealWaterfall({ baseLogOdds, factors }: { baseLogOdds: number; factors: readonly DealFactorView[] }) {
  const ranked = [...factors].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).map((f) => ({ label: f.phrase, contribution: f.contribution }));
  return (
    <LogOddsWaterfall base={baseLogOdds} factors={ranked} totalLabel="Win log-odds" legend={LEGEND} labelWidth={200}
      ariaLabel="How each factor moves the deal's chance to win, in log-odds" />
  );
}
