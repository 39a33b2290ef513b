import type { Express } from 'express';
import type { Logger } from 'pino';
import type { ControlState } from '../control/controlEngine';
import { createControl } from '../control/createControl';
import type { PipelineContext } from '../core/pipeline';
import type { OpenApiDocument } from '../spec/loadSpec';
import type { Operation } from '../spec/operations';
import type { Journal } from '../state/journal';
import { createApp } from './createApp';
import { corsMethodsOf } from './cors';
import { createPages } from './pages';

/** What a server is made of, the mock's and the proxy's alike. */
export interface ServerParts {
  /** The API's pipeline. */
  api: PipelineContext;
  spec: OpenApiDocument;
  operations: readonly Operation[];
  /** The control API (/__mock), the inspector and /docs; absent with --no-control. */
  control?: {
    state: Pick<ControlState, 'info' | 'store' | 'reset'>;
    authToken: string | undefined;
    bodyLimit: number;
    /** Ids the docs' examples use, so that "Try it out" answers 200 at the first click. */
    tryItOut?: Record<string, string>;
    /** The tenant of the gateway in front of the API, for the docs' servers and token endpoint. */
    gateway?: string;
  };
  journal: Journal;
  logger: Logger;
  corsOrigins: string[];
}

/** The Express app of a server: the API, and unless turned off, the control API and the pages. */
export function serverApp({ api, spec, operations, control, journal, logger, corsOrigins }: ServerParts): Express {
  const operationIds = operations.map((operation) => operation.operationId);
  return createApp({
    api,
    control: control ? () => createControl({ ...control.state, journal, operationIds }, control.authToken, control.bodyLimit) : undefined,
    pages: control ? createPages(spec, control.tryItOut, control.gateway) : undefined,
    journal,
    logger,
    corsOrigins,
    corsMethods: corsMethodsOf(operations, control !== undefined),
  });
}
