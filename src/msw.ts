/**
 * `rpa-mock/msw`: MSW 2 handlers for the RPA Jobs API, from the same core as `rpa-mock serve`.
 * Browser-safe: nothing here imports Node or Express.
 */
export { createHandlers, type HandlerOptions, type RpaHandlers } from './msw/createHandlers';
export type { Overlay } from './spec/overlay/applyOverlay';
