import type { DataSufficiency } from '@hub/contracts';
import { formatCount } from '../../lib/format';

/** How close the known conversions are to what a trained model needs. */
export function SufficiencyMeter({ sufficiency }: { sufficiency: DataSufficiency }) {
  return (
    <div className="sufficiency" data-testid="sufficiency">
      <label htmlFor="sufficiency-meter">Training data</label>
      <meter id="sufficiency-meter" min={0} max={1} low={0.99} optimum={1} value={sufficiency.ratio} />
      <small>
        {formatCount(sufficiency.conversions)} known conversions of {formatCount(sufficiency.needed)} needed
        ({formatCount(sufficiency.labelled)} labelled leads): {sufficiency.sufficient ? 'enough to train a model' : 'the rules score until there are enough'}.
      </small>
    </div>
  );
}
