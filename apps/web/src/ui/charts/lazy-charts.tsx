import { type ComponentProps, lazy, Suspense } from 'react';
import { Skeleton } from '../skeleton';

const Histogram = lazy(() => import('./score-histogram').then((module) => ({ default: module.ScoreHistogram })));

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
