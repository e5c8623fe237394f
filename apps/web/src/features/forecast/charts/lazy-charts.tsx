import { type ComponentProps, type ComponentType, lazy, Suspense } from 'react';
import { Skeleton } from '../../../ui/skeleton';

/** A chart loaded after the page's figures: recharts is the largest chunk, and numbers should not wait for it. */
function lazyChart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  const Chart = lazy(load);
  return function LazyChart(props: P) {
    return (
      <Suspense fallback={<Skeleton lines={4} label="Loading the chart" />}>
        <Chart {...(props as ComponentProps<typeof Chart>)} />
      </Suspense>
    );
  };
}

export const LazyFanChart = lazyChart(() => import('./fan-chart'));
export const LazyBacktestChart = lazyChart(() => import('./backtest-chart'));
export const LazyDealWaterfall = lazyChart(() => import('./deal-waterfall'));
