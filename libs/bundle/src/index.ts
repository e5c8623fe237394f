export * from './fast-record-check';
export * from './ndjson-lines';
export * from './parse-bundle-line';
export * from './serialize-record';
