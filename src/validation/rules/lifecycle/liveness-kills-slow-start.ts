import type { Rule } from '../../rule';
import { deployment, httpProbe } from './fixtures';
import { PROBER_SOURCE, PROBES_DOCS } from './sources';
import { verdictViolations } from './timeline-verdicts';

const CHECK = httpProbe('/actuator/health', 'http');

/**
 * Liveness gives up before readiness can first pass, and no startup probe holds it back.
 * `explain`'s `liveness-kills-slow-start` verdict; both read timeline-verdicts.ts.
 */
export const livenessKillsSlowStart: Rule = {
  id: 'lifecycle/liveness-kills-slow-start',
  category: 'lifecycle',
  severity: 'error',
  summary: 'Liveness restarts the container before its readiness probe can first pass.',
  docs: 'Without a startup probe, liveness checks from `initialDelaySeconds` after the container starts and restarts it after '
    + '`failureThreshold` failures `periodSeconds` apart; readiness cannot pass before its own `initialDelaySeconds` (plus '
    + `\`periodSeconds × (successThreshold − 1)\`), both counted from the container's start (${PROBER_SOURCE}). When the manifest `
    + 'itself says the app is not ready before liveness gives up, a container that needs that long is restarted before it is ever '
    + 'Ready, after every restart: the restart loop the probes page warns of, which a startup probe prevents by holding liveness '
    + `and readiness back until the app has started once (${PROBES_DOCS}#define-startup-probes). The same judgement as \`explain\`'s `
    + '`liveness-kills-slow-start` verdict, read from the timeline after the API server\'s defaulting. Error: with these numbers '
    + 'the kubelet kills the container; warning when a postStart of unknown length makes the times lower bounds. '
    + 'lifecycle/liveness-without-startup-probe reports a short liveness budget even where readiness does not say the app is slow.',
  fix: 'add a startupProbe with the liveness probe\'s check whose periodSeconds × failureThreshold covers the start (the verdict computes one)',
  fixtures: {
    good: [
      deployment('orders', {
        containers: [{
          name: 'app', image: 'registry.example.com/orders:2.3.0', ports: [{ name: 'http', containerPort: 8080 }],
          startupProbe: { ...CHECK, periodSeconds: 5, failureThreshold: 24 },
          readinessProbe: { ...CHECK, periodSeconds: 5 },
          livenessProbe: CHECK,
        }],
      }),
    ],
    bad: [
      // Readiness waits 60 s for the app; liveness gives up at 0 + 10 s × 3.
      deployment('orders', {
        containers: [{
          name: 'app', image: 'registry.example.com/orders:2.3.0', ports: [{ name: 'http', containerPort: 8080 }],
          readinessProbe: { ...CHECK, initialDelaySeconds: 60 },
          livenessProbe: CHECK,
        }],
      }),
    ],
  },
  check(object, context) {
    return verdictViolations(object, context, 'lifecycle/liveness-kills-slow-start');
  },
};
