// Injected into CJS bundles: the value ESM dependencies expect from import.meta.url.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
