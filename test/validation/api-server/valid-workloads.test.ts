/**
 * What our own constructs synthesize is what kube-apiserver accepts: zero api-server findings for
 * a GracefulWebService and for every object of the example app. The objects come from the charts'
 * toJson() (no synth, no file output), so only the api-server rules run.
 */
import { App, Chart, Duration, Testing } from 'cdk8s';
import { GracefulWebService } from '../../../src/graceful-web-service';
import { defineExampleApp } from '../../../src/main';
import { gracefulWeb } from '../../../src/examples/graceful-web';
import { lintObjects } from '../../../src/validation/engine';
import type { KubeObject } from '../../../src/validation/rule';
import { API_SERVER_RULES } from '../../../src/validation/rules/api-server';

function lint(objects: readonly KubeObject[]) {
  return lintObjects(objects, { rules: API_SERVER_RULES }).map(f => `${f.kind}/${f.name} ${f.path}: ${f.message} [${f.rule}]`);
}

describe('valid workloads get no api-server finding', () => {
  it('a GracefulWebService with defaults', () => {
    const chart = new Chart(Testing.app(), 'test');
    new GracefulWebService(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.25', port: 8080 });
    const objects = chart.toJson() as KubeObject[];
    expect(objects.map(o => o.kind)).toContain('Deployment');
    expect(lint(objects)).toEqual([]);
  });

  it('a GracefulWebService with every timing set', () => {
    const chart = new Chart(Testing.app(), 'test');
    new GracefulWebService(chart, 'web', {
      name: 'shop',
      image: 'example.test/shop:1.0',
      port: 8080,
      replicas: 3,
      drainDelay: Duration.seconds(10),
      preStopCommand: ['nginx', '-s', 'quit'],
      shutdownTimeout: Duration.seconds(30),
      startup: false,
    });
    expect(lint(chart.toJson() as KubeObject[])).toEqual([]);
  });

  it('the graceful-web example chart (nginx shop)', () => {
    const chart = gracefulWeb(Testing.app());
    const objects = chart.toJson() as KubeObject[];
    const deployment = objects.find(o => o.kind === 'Deployment');
    expect(deployment).toBeDefined();
    expect(lint(objects)).toEqual([]);
  });

  it('every object of the example app', () => {
    const app = new App({ outdir: 'unused' });
    defineExampleApp(app);
    const objects = app.charts.flatMap(c => c.toJson() as KubeObject[]);
    expect(objects.length).toBeGreaterThan(10);
    expect(lint(objects)).toEqual([]);
  });
});
