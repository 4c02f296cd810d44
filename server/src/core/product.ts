// The product's names and version, defined once: the diagnostic source, the program name, the
// language server's serverInfo and SARIF's tool driver. The version must equal package.json's
// (test/unit/constants.test.ts checks it).

export const PRODUCT_NAME = 'multus-networks';

/** The `source` of every diagnostic we publish (and the one quick fixes answer to). */
export const DIAGNOSTIC_SOURCE = PRODUCT_NAME;

export const VERSION = '0.1.0';
