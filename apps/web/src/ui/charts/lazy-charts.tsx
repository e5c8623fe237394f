import { type ComponentProps, lazy, Suspense } from 'react';
import { Skeleton } from '../skeleton';

const Histogram = lazy(() => import('./score-histogram').then((module) => ({ default: module.ScoreHistogram })));
const LeadsAndWins = lazy(() => import('./monthly-trends-chart').then((module) => ({ default: module.LeadsAndWinsChart })));
const WonAmount = lazy(() => import('./monthly-trends-chart').then((module) => ({ default: module.WonAmountChart })));

/**
 * The histogram, loaded after the figures: recharts is the largest chunk, and a page's numbers
 * should not wait for its chart library.
 */
export function LazyScoreHistogram(props: ComponentProps<typeof Histogram>) {
  return (
    <Suspense fallback={<Skeleton lines={4} label="Loading the chart" />}>
      <Histogram {...props} />
    </Suspense>
  );
}

/** The Overview's monthly trend charts, split off like the histogram. */
export function LazyLeadsAndWinsChart(props: ComponentProps<typeof LeadsAndWins>) {
  return (
    <Suspense fallback={<Skeleton lines={4} label="Loading the chart" />}>
      <LeadsAndWins {...props} />
    </Suspense>
  );
}

export function LazyWonAmountChart(props: ComponentProps<typeof WonAmount>) {
  return (
    <Suspense fallback={<Skeleton lines={4} label="Loading the chart" />}>
      <WonAmount {...props} />
    </Suspense>
  );
}
