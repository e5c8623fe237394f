/**
 * @hub/forecasting: revenue forecasts by Monte Carlo over open deals and subscriptions, backtests,
 * pipeline health and deal risks. Plain functions over plain deal states; no I/O, no framework.
 */
export {};
