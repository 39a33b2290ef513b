/**
 * `rpa-mock/playwright`: the mock behind a Playwright page or context (`page.route`), from the same
 * core as `rpa-mock serve` and the MSW handlers. Needs no server and no service worker.
 */
export { routeRpaMock, type RouteOptions, type RoutedMock, type Routable, type RouteLike } from './playwright/routeRpaMock';
