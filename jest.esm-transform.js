// Jest on Node 20 cannot require ES modules, and a few of msw's dependencies ship nothing else:
// those files are turned into CommonJS by esbuild as Jest loads them.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    return { code: transformSync(source, { format: 'cjs', loader: 'js', sourcefile: filename, target: 'node20' }).code };
  },
};
