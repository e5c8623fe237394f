export * from './forecast-views';
export * from './deal-win-registry';
