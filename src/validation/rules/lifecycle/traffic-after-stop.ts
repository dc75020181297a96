import type { Rule } from '../../rule';
import { deployment, httpProbe, service } from './fixtures';
import { KUBELET_SOURCE, POD_TERMINATION_DOCS } from './sources';
import { verdictViolations } from './timeline-verdicts';

const FORTUNE = (preStop: string[]) => ({
  name: 'nginx', image: 'nginx:alpine', ports: [{ name: 'http', containerPort: 80 }],
  readinessProbe: httpProbe('/', 'http', { periodSeconds: 5, failureThreshold: 2 }),
  lifecycle: { preStop: { exec: { command: preStop } } },
});

/**
 * A serving container stops accepting before endpoint removal has reached the Service's clients.
 * `explain`'s `traffic-after-stop` verdict; both read timeline-verdicts.ts.
 */
export const trafficAfterStop: Rule = {
  id: 'lifecycle/traffic-after-stop',
  category: 'lifecycle',
  severity: 'error',
  summary: 'A container behind a Service stops accepting before its endpoint removal has propagated.',
  docs: 'When a pod is deleted, removing it from its Services\' endpoints and stopping its containers happen at the same time '
    + `("Termination of Pods", ${POD_TERMINATION_DOCS}): the EndpointSlice change takes a few seconds to reach every kube-proxy, `
    + 'ingress controller and client, and requests routed to the pod meanwhile must still be served. The kubelet runs the '
    + `preStop first and sends SIGTERM only when it returns (\`killContainer\` in ${KUBELET_SOURCE}), so a preStop that waits `
    + 'keeps the app serving. The rule follows the termination timeline `explain` draws: a serving container (one that declares '
    + 'ports, targeted by a Service) with no preStop, a preStop that waits less than the propagation time (5 s assumed, '
    + 'GracefulWebService\'s default drain), or one that stops the app first (`nginx -s quit`, `kill 1`, `killall`, a '
    + '`/shutdown` call; kubernetes.io\'s own nginx example, `nginx -s quit; while killall -0 nginx; do sleep 1; done` in '
    + '"Attach Handlers to Container Lifecycle Events", https://kubernetes.io/docs/tasks/configure-pod-container/attach-handler-lifecycle-event/, '
    + 'is one) gets requests after it has stopped accepting them. '
    + 'Endpoint removal does not close established keep-alive connections either: when the app closes them, a request a client '
    + 'sends on one at that moment fails (`explain` notes it). The same judgement as `explain`\'s `traffic-after-stop` verdict. '
    + 'Error when it is proven: a Service in the linted set routes to the container and its preStop itself stops the app too '
    + 'early. Warning when it rests on an assumption: no preStop or a short wait (most apps stop accepting at SIGTERM, but the '
    + 'manifest does not say), a command the rule cannot read, or no Service in the set at all (one is assumed). Nothing when '
    + 'Services are there and none selects the container.',
  fix: 'sleep in the preStop until endpoint removal has propagated (about 5 s), then stop the app; raise terminationGracePeriodSeconds to cover it',
  fixtures: {
    good: [
      deployment('fortune', { containers: [FORTUNE(['sh', '-c', 'sleep 5; exec nginx -s quit'])] }),
      service('fortune', { app: 'fortune' }, [{ name: 'http', port: 80, targetPort: 'http' }]),
      // No Service selects it: nothing routes to it.
      deployment('batch', { containers: [FORTUNE(['nginx', '-s', 'quit'])] }, { labels: { app: 'batch' } }),
    ],
    bad: [
      // The seed's nginx: `nginx -s quit` at once, while the Service still routes to it.
      deployment('fortune', { containers: [FORTUNE(['nginx', '-s', 'quit'])] }),
      service('fortune', { app: 'fortune' }, [{ name: 'http', port: 80, targetPort: 'http' }]),
    ],
  },
  check(object, context) {
    return verdictViolations(object, context, 'lifecycle/traffic-after-stop');
  },
};
