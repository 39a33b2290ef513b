import path from 'node:path';
import express from 'express';
import type { OpenApiDocument } from '../spec/loadSpec';

/** The inspector's own files: plain HTML, CSS and JavaScript, nothing from a CDN. */
const publicDir = path.resolve(__dirname, '../../public');
/** Swagger UI, served from its npm package. */
const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * Pages for people: `/docs`, the API reference rendered by Swagger UI from the spec, whose
 * "Try it out" calls this server; `/__mock/`, the inspector (journal, jobs, clock).
 */
/** `pathExamples`: an id for the path parameter of each operation (by operationId) that this server has. */
/** `gateway`: the tenant of serve --gateway; the docs then try things out through the gateway, its token endpoint included. */
export function createPages(spec: OpenApiDocument, pathExamples: Record<string, string> = {}, gateway?: string): express.Router {
  // Strict, so that /__mock (redirected) and /__mock/ (the page) are two routes.
  const router = express.Router({ strict: true });
  const document = forTryingOut(spec, pathExamples, gateway);
  router.get('/docs/openapi.json', (_req, res) => void res.json(document));
  router.get(['/docs', '/docs/'], (_req, res) => void res.sendFile(path.join(publicDir, 'docs.html')));
  router.get('/docs/assets/docs.js', (_req, res) => void res.sendFile(path.join(publicDir, 'docs.js')));
  router.use('/docs/assets', express.static(swaggerUiDir, { index: false }));
  router.get('/favicon.ico', (_req, res) => void res.sendFile(path.join(swaggerUiDir, 'favicon-32x32.png')));
  router.get('/__mock', (_req, res) => void res.redirect(301, '/__mock/'));
  // The root leads to the pages: the inspector links the API reference.
  router.get('/', (_req, res) => void res.redirect(302, '/__mock/'));
  router.get('/__mock/', (_req, res) => void res.sendFile(path.join(publicDir, 'inspector.html')));
  router.use('/__mock/assets', express.static(publicDir, { index: false }));
  return router;
}

/**
 * The spec as the docs page serves it: "Try it out" goes to this server, and a plain bearer
 * scheme lets a user paste the --auth-token (the spec's OAuth2 flows need the tenant's gateway).
 */
function forTryingOut(spec: OpenApiDocument, pathExamples: Record<string, string>, gateway: string | undefined): object {
  const paths = withPathExamples(spec.paths ?? {}, pathExamples);
  if (gateway !== undefined) {
    // The gateway's token endpoint here, for Swagger UI's "Authorize" (paste the .ionapi file's ci, cs, saak and sask).
    const tokenUrl = `/${gateway}/as/token.oauth2`;
    const schemes = Object.fromEntries(
      Object.entries(spec.components?.securitySchemes ?? {}).map(([name, scheme]) => [name, withTokenUrl(scheme, tokenUrl)]),
    );
    return {
      ...spec,
      paths,
      servers: [
        { url: `/${gateway}/RPA`, description: `this rpa-mock, through the gateway of ${gateway} (as iu/ti/RPA)` },
        { url: '/', description: 'this rpa-mock, at the plain paths' },
      ],
      components: { ...spec.components, securitySchemes: schemes },
    };
  }
  const schemes = {
    ...(spec.components?.securitySchemes ?? {}),
    mockBearer: { type: 'http', scheme: 'bearer', description: "rpa-mock's --auth-token, if it was started with one." },
  };
  return {
    ...spec,
    paths,
    servers: [{ url: '/', description: 'this rpa-mock' }],
    security: [...(spec.security ?? []), { mockBearer: [] }],
    components: { ...spec.components, securitySchemes: schemes },
  };
}

/** An OAuth 2.0 scheme whose flows get their tokens at `tokenUrl`; another scheme as it is. */
function withTokenUrl(scheme: unknown, tokenUrl: string): unknown {
  const { flows } = scheme as { flows?: Record<string, object> };
  if (!flows) return scheme;
  return { ...(scheme as object), flows: Object.fromEntries(Object.entries(flows).map(([name, flow]) => [name, { ...flow, tokenUrl }])) };
}

/**
 * The paths with the example of each path parameter replaced by one this mock has (by operationId,
 * such as `{ getJob: '<a job id>' }`), so that "Try it out" answers 200 at the first click. The spec
 * itself is shared and stays as it is: what changes is copied.
 */
function withPathExamples(paths: NonNullable<OpenApiDocument['paths']>, pathExamples: Record<string, string>): object {
  const withExample = (operation: unknown) => {
    const { operationId, parameters } = (operation ?? {}) as { operationId?: string; parameters?: { in?: string }[] };
    const example = operationId === undefined ? undefined : pathExamples[operationId];
    if (example === undefined || !parameters) return operation;
    return { ...(operation as object), parameters: parameters.map((p) => (p.in === 'path' ? { ...p, example, examples: undefined } : p)) };
  };
  return Object.fromEntries(
    Object.entries(paths).map(([template, item]) => [
      template,
      Object.fromEntries(Object.entries(item ?? {}).map(([key, value]) => [key, withExample(value)])),
    ]),
  );
}
