/**
 * The recommendation service's app: the template's `createApp` (health, readiness, metrics,
 * request logs, JSON errors, admin routes) with the recommendation routes and page mounted
 * through its `routes` option, and `recommendations_served_total` on the app's own registry.
 */
import { createApp, type AppOptions, type ServiceApp } from '../../server-template/src/app';
import type { ServiceDeps } from '../../server-template/src/contracts';
import { recsServedCounter } from './recs-metrics';
import { mountRecsRoutes } from './routes';

export function createRecsApp(deps: ServiceDeps, options: Omit<AppOptions, 'routes'>): ServiceApp {
  const served = recsServedCounter();
  const service = createApp(deps, {
    ...options,
    routes: (mount) => mountRecsRoutes(mount, { service: deps, served, maxBatch: options.config.maxBatch }),
  });
  service.metrics.registry.registerMetric(served);
  return service;
}
