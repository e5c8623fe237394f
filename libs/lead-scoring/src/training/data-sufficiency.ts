import type { DataSufficiency } from '@hub/contracts';
import { MIN_CONVERSIONS, MIN_LABELLED } from '../lead-scoring-settings';

/**
 * How close the data is to a trained model: known conversions against the 50 needed (and at least
 * 200 labelled leads, so that each time split keeps some). Below it the rules score.
 */
export function dataSufficiency(labelled: number, conversions: number, needed = MIN_CONVERSIONS): DataSufficiency {
  return {
    conversions,
    needed,
    labelled,
    ratio: Math.min(1, needed > 0 ? conversions / needed : 1),
    sufficient: conversions >= needed && labelled >= MIN_LABELLED,
  };
}

export function sufficiencyReason(sufficiency: DataSufficiency): string {
  if (sufficiency.sufficient) return 'enough known conversions for a trained model';
  if (sufficiency.conversions < sufficiency.needed) {
    return `only ${sufficiency.conversions} of the ${sufficiency.needed} known conversions a trained model needs; the rules score until then`;
  }
  return `only ${sufficiency.labelled} of the ${MIN_LABELLED} labelled leads a trained model needs; the rules score until then`;
}
