/** The Groundwork release, shown by `groundwork --version` and in the OpenAPI document. */
export const VERSION = '0.1.0';
