// `node --require test/support/moduleLoadProbe.cjs dist/server.js`: writes `module-load-probe: <file>` to stderr
// when a bundle under a dist/ folder starts loading, so a test can tell which bundles a process has loaded.
const Module = require('node:module');
const path = require('node:path');

const loadJs = Module._extensions['.js'];
Module._extensions['.js'] = function (module, filename) {
  if (path.basename(path.dirname(filename)) === 'dist') process.stderr.write(`module-load-probe: ${path.basename(filename)}\n`);
  return loadJs.call(this, module, filename);
};
