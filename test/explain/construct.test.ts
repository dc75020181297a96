import { App, ApiObject, Chart, Duration } from 'cdk8s';
import { explainConstruct } from '../../src/explain/construct';
import { GracefulWebService } from '../../src/graceful-web-service';

describe('explain from code', () => {
  const chart = new Chart(new App(), 'c');
  const web = new GracefulWebService(chart, 'web', {
    name: 'web', image: 'nginxinc/nginx-unprivileged:1.27-alpine', port: 8080,
    preStopCommand: ['nginx', '-s', 'quit'], shutdownTimeout: Duration.seconds(10),
  });

  test('a GracefulWebService has no verdict, and its timeline matches its own termination budget', () => {
    const e = web.explain();
    expect(e.workload).toMatchObject({ kind: 'Deployment', name: 'web' });
    expect(e.verdicts).toEqual([]);
    const t = web.termination;
    expect(e.termination.gracePeriodSeconds).toBe(t.gracePeriodSeconds);
    const [app] = e.termination.containers;
    expect(app.serviceBacked).toBe(true);
    // The preStop waits for nginx's exit: the shutdown is spent inside it, none is left after SIGTERM.
    expect(app.preStopSeconds).toBe(t.drainSeconds + t.preStopCommandSeconds + t.shutdownSeconds);
    expect(app.preStopSeconds).toBe(t.preStopSeconds);
    // the drain sleep keeps nginx serving until the endpoints are gone; then `nginx -s quit`
    expect(app.acceptsUntil.seconds).toBe(t.drainSeconds);
    expect(app.shutdownSeconds).toBe(t.appShutdownSeconds);
    expect(app.shutdownEndsAt!.seconds).toBeLessThan(app.sigkillAt.seconds);
    expect(e.startup.containers[0].killedBy).toBe('startupProbe');
  });

  test('explainConstruct finds every workload under a scope, skipping other objects', () => {
    new ApiObject(chart, 'raw-pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'raw' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    const es = explainConstruct(chart);
    expect(es.map(e => `${e.workload.kind}/${e.workload.name}`)).toEqual(['Deployment/web', 'Pod/raw']);
  });

  test('options reach the timeline: a slower network needs a longer drain than the default 5 s', () => {
    const e = web.explain({ endpointPropagationSeconds: 8 });
    const [v] = e.verdicts;
    expect(v).toMatchObject({ rule: 'traffic-after-stop', severity: 'error', field: 'spec.template.spec.containers[0].lifecycle.preStop.exec.command' });
    const [sh, c, script, ...positional] = v.value as string[];
    expect([sh, c, positional]).toEqual(['sh', '-c', ['prestop', '1']]);
    expect(script).toMatch(/^sleep 3; sleep 5\n\(exec nginx -s quit\) /);
  });
});
