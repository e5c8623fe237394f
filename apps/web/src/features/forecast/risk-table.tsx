import type { DealRiskView } from '@hub/contracts';
import { formatMoney, formatPercent } from '../../lib/format';
import { ScrollTable } from './scroll-table';

/** Open deals ranked by revenue at risk, each flag in words with its numbers as the evidence. */
export function RiskTable({ deals, currency, selected, onSelect }: { deals: DealRiskView[]; currency: string; selected?: number; onSelect: (id: number) => void }) {
  return (
    <ScrollTable label="Deals at risk table">
      <table className="risk-table">
        <caption className="sr-only">Deals at risk, largest revenue at risk first; open a deal&apos;s prediction with its name</caption>
        <thead>
          <tr>
            <th scope="col">Deal</th><th scope="col" className="num">Amount</th><th scope="col" className="num">Win chance</th>
            <th scope="col" className="num">Revenue at risk</th><th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {deals.map((deal) => (
            <tr key={deal.dealId} data-deal-id={deal.dealId} data-at-risk={deal.revenueAtRisk} aria-selected={deal.dealId === selected}>
              <td>
                <button type="button" className="link" onClick={() => onSelect(deal.dealId)} aria-label={`Open the prediction of ${deal.name ?? `deal ${deal.dealId}`}`}>
                  {deal.name ?? `Deal ${deal.dealId}`}
                </button>
              </td>
              <td className="num">{formatMoney(deal.amount, currency)}</td>
              <td className="num">{formatPercent(deal.winProbability)}</td>
              <td className="num" data-figure="at-risk">{formatMoney(deal.revenueAtRisk, currency)}</td>
              <td><ul className="flags plain">{deal.flags.map((flag) => <li key={flag.code} data-flag={flag.code}>{flag.phrase}</li>)}</ul></td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
