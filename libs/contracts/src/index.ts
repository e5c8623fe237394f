export * from './crm/enums';
export * from './crm/schemas';
export * from './bundle/bundle-entities';
export * from './bundle/bundle-results';
export * from './http/problem';
export * from './http/health';
