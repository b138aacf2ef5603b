/**
 * Counts login and activation outcomes by wrapping the bound domain functions, so the domain
 * modules stay free of metrics. Labels are the outcome's reason or kind: a small, fixed set
 * (never an identifiant or an address).
 */
import type { WebDeps } from '../web/web-deps.js';
import type { Metrics } from './metrics.js';

type Counted = Pick<WebDeps, 'login' | 'requestActivation'>;

export function withOutcomeCounts<T extends Counted>(deps: T, metrics: Metrics): T {
  return {
    ...deps,
    login: async (...args) => {
      const outcome = await deps.login(...args);
      metrics.loginOutcomes.inc({ outcome: outcome.ok ? 'success' : outcome.reason });
      return outcome;
    },
    requestActivation: async (...args) => {
      const outcome = await deps.requestActivation(...args);
      metrics.activationOutcomes.inc({ outcome: outcome.kind });
      return outcome;
    },
  };
}
