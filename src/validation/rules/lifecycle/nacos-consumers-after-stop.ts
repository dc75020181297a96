import { NACOS_ANNOTATION, PRESTOP_SECONDS_ANNOTATION, SHUTDOWN_SECONDS_ANNOTATION } from '../../../analysis/annotations';
import type { Rule } from '../../rule';
import { deployment } from './fixtures';
import { KUBELET_SOURCE } from './sources';
import { verdictViolations } from './timeline-verdicts';

const NACOS = JSON.stringify({ container: 'app', drainSeconds: 5, deregisterWaitSeconds: 40, consumerCacheSeconds: 35, serverVersion: '2.x' });

const app = (wait: number) => ({
  name: 'app', image: 'registry.example.com/jdd-parking-cloud-admin:1.4.2', ports: [{ name: 'http', containerPort: 8093 }],
  lifecycle: {
    preStop: {
      exec: {
        command: ['sh', '-c', `curl -fsS -m 5 -X PATCH "$NACOS_ADDR/nacos/v1/ns/instance?serviceName=admin&ip=$POD_IP&port=8093&enabled=false"; sleep ${wait}`],
      },
    },
  },
});

/**
 * Nacos consumers keep calling an instance after the app may have stopped accepting.
 * `explain`'s `nacos-consumers-after-stop` verdict; both read timeline-verdicts.ts.
 */
export const nacosConsumersAfterStop: Rule = {
  id: 'lifecycle/nacos-consumers-after-stop',
  category: 'lifecycle',
  severity: 'error',
  summary: 'Nacos consumers still call the instance after its app may have stopped accepting.',
  docs: `For an app registered in Nacos (the \`${NACOS_ANNOTATION}\` annotation, which NacosRegisteredApp sets), Kubernetes' `
    + 'endpoint removal does not matter to its consumers: they call the instances Nacos lists, from a load-balancer cache. '
    + 'Disabling the instance (`enabled=false`, https://nacos.io/docs/latest/manual/user/open-api/) is pushed to subscribers in '
    + 'about 0.5 s, and Spring Cloud LoadBalancer keeps its list for `spring.cloud.loadbalancer.cache.ttl`, 35 s by default '
    + '(https://docs.spring.io/spring-cloud-commons/reference/spring-cloud-commons/loadbalancer.html). The preStop that disables the '
    + `instance must keep the app serving that long before the kubelet sends SIGTERM (\`killContainer\` in ${KUBELET_SOURCE}); `
    + 'without a preStop nothing disables it, and consumers learn the app is gone only after it has exited. The same judgement as '
    + '`explain`\'s `nacos-consumers-after-stop` verdict, from the annotation\'s `consumerCacheSeconds` and the preStop\'s known '
    + `wait (its sleeps, or \`${PRESTOP_SECONDS_ANNOTATION}\`). Error: every consumer call in that window fails.`,
  fix: 'wait in the preStop after disabling the instance until the consumers\' caches have expired (about 36 s), and raise terminationGracePeriodSeconds to cover it plus the shutdown',
  fixtures: {
    good: [
      deployment('admin', { terminationGracePeriodSeconds: 60, containers: [app(45)] }, {
        annotations: { [NACOS_ANNOTATION]: NACOS, [SHUTDOWN_SECONDS_ANNOTATION]: '{"app": 10}' },
      }),
    ],
    bad: [
      // Disabled, but only 20 s of serving for 35.5 s of cached consumers.
      deployment('admin', { terminationGracePeriodSeconds: 60, containers: [app(20)] }, {
        annotations: { [NACOS_ANNOTATION]: NACOS, [SHUTDOWN_SECONDS_ANNOTATION]: '{"app": 10}' },
      }),
    ],
  },
  check(object, context) {
    return verdictViolations(object, context, 'lifecycle/nacos-consumers-after-stop');
  },
};
