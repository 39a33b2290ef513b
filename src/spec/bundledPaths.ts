import path from 'node:path';

/** The spec shipped with the package: the RPA Jobs contract. */
export const defaultSpecPath = path.resolve(__dirname, '../../spec/rpa-jobs.openapi.yaml');
/** The control API's own spec, served under /__mock. */
export const controlSpecPath = path.resolve(__dirname, '../../spec/control.openapi.yaml');
/** The specs shipped with the package, the API's first. */
export const bundledSpecPaths = [defaultSpecPath, controlSpecPath];
