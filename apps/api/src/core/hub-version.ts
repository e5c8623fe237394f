/** The hub's version, shown by /health and the OpenAPI document. */
export const HUB_VERSION = '0.1.0';
