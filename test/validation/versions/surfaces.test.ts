/**
 * The target version through each of the three places a user chooses it, with the real rule
 * registry: `cdk8s-lifecycle lint --k8s-version`, the cdk8s-cli plugin's `k8sVersion` property and
 * synth-time `LifecycleValidation.enable(app, { k8sVersion })`. The object is the one a drain on the
 * native sleep action produces (GracefulWebService's drain mode emits `lifecycle.preStop.sleep`):
 * an unknown field on 1.28, dropped on 1.29 (alpha gate off), valid from 1.30.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { LifecycleValidationPlugin } from '../../../src';
import { GracefulWebService } from '../../../src/graceful-web-service';
import { LifecycleValidation } from '../../../src/validation/synth-validation';
import { runCli } from '../../cli/cli-harness';

const LABELS = { app: 'web' };

/** A Deployment whose preStop is the native sleep action, as a drain on it is synthesized. */
const sleepDeployment = (name = 'web') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 2,
    selector: { matchLabels: LABELS },
    template: {
      metadata: { labels: LABELS },
      spec: {
        terminationGracePeriodSeconds: 40,
        containers: [{
          name: 'web',
          image: 'nginxinc/nginx-unprivileged:1.27-alpine',
          ports: [{ name: 'http', containerPort: 8080 }],
          readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
          lifecycle: { preStop: { sleep: { seconds: 15 } } },
        }],
      },
    },
  },
});

const SIDECAR_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'shipper' },
  spec: {
    initContainers: [{ name: 'log-shipper', image: 'busybox:1.36', command: ['tail', '-F', '/var/log/app.log'], restartPolicy: 'Always' }],
    containers: [{ name: 'web', image: 'nginx', readinessProbe: { tcpSocket: { port: 80 } } }],
  },
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-versions-'));
  fs.writeFileSync(path.join(dir, 'sleep.yaml'), stringify(sleepDeployment()));
  fs.writeFileSync(path.join(dir, 'sidecar.yaml'), stringify(SIDECAR_POD));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cdk8s-lifecycle lint --k8s-version', () => {
  const lint = (args: string[]) => runCli(['lint', '--format', 'json', ...args], { cwd: dir });
  const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: Array<{ rule: string; path: string; message: string; fix: string; severity: string }> }).findings;

  test('default 1.28: the sleep action is a field of a later version, with the version that adds it', async () => {
    const r = await lint(['sleep.yaml']);
    expect(r.status).toBe(1);
    const f = findingsOf(r.stdout).find(x => x.rule === 'structure/unknown-field')!;
    expect(f.path).toBe('spec.template.spec.containers[0].lifecycle.preStop.sleep');
    expect(f.fix).toContain('added in Kubernetes 1.30; pass --k8s-version 1.30 if your cluster runs it');
  });

  test('1.29: accepted by the schema but dropped by the API server (alpha gate off), naming 1.30', async () => {
    const r = await lint(['--k8s-version', '1.29', 'sleep.yaml']);
    expect(r.status).toBe(1);
    const errors = findingsOf(r.stdout).filter(x => x.severity === 'error');
    expect(errors.map(e => e.rule)).toEqual(['api-server/gated-field']);
    expect(errors[0].message).toContain('PodLifecycleSleepAction is alpha, off by default in 1.29 (on by default from 1.30)');
    expect(errors[0].fix).toContain('pass --k8s-version 1.30');
  });

  test.each(['1.30', '1.33', '1.35'])('%s: valid', async version => {
    const r = await lint(['--k8s-version', version, 'sleep.yaml']);
    expect(findingsOf(r.stdout).filter(x => x.severity === 'error')).toEqual([]);
    expect(r.status).toBe(0);
  });

  test('a sidecar init container without probes fails on 1.28 and passes on 1.29', async () => {
    const old = await lint(['sidecar.yaml']);
    expect(old.status).toBe(1);
    expect(findingsOf(old.stdout).map(f => [f.rule, f.path])).toContainEqual(['api-server/gated-field', 'spec.initContainers[0].restartPolicy']);
    expect((await lint(['--k8s-version', '1.29', 'sidecar.yaml'])).status).toBe(0);
  });

  test('--help names the range and why the default is 1.28', async () => {
    const help = await runCli(['lint', '--help']);
    const text = help.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('1.28 to 1.35');
    expect(text).toContain('default: 1.28, because the constructs target cdk8s-plus-28');
  });
});

describe('the cdk8s-cli plugin\'s k8sVersion', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ValidationContext } = require('cdk8s-cli/plugins') as {
    ValidationContext: new (manifests: string[], pkg: string, version: string, metadata: Record<string, { path: string }>, stdout: boolean) => {
      report: { success: boolean; toJson(): { violations: Array<{ ruleName: string; fix: string; recommendation: string }> } };
    };
  };
  const validate = async (properties: object) => {
    const context = new ValidationContext([path.join(dir, 'sleep.yaml')], 'cdk8s-lifecycle', '0.1.0', { web: { path: 'app/web' } }, false);
    await new LifecycleValidationPlugin(properties).validate(context as never);
    return context.report;
  };

  test('default 1.28: fails, advising the plugin property', async () => {
    const report = await validate({});
    expect(report.success).toBe(false);
    const v = report.toJson().violations.find(x => x.ruleName === 'structure/unknown-field')!;
    expect(v.fix).toContain('added in Kubernetes 1.30; set k8sVersion: "1.30" in the plugin\'s properties in cdk8s.yaml if your cluster runs it');
  });

  test('v1.29.3 means 1.29: the gated-field error', async () => {
    const report = await validate({ k8sVersion: 'v1.29.3' });
    expect(report.success).toBe(false);
    expect(report.toJson().violations.map(v => v.ruleName)).toContain('api-server/gated-field');
  });

  test.each(['1.30', '1.35'])('%s: passes', async version => {
    expect((await validate({ k8sVersion: version })).success).toBe(true);
  });
});

describe('LifecycleValidation.enable(app, { k8sVersion })', () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));
  const app = () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-versions-synth-'));
    outdirs.push(outdir);
    return new App({ outdir });
  };
  const synthWith = (k8sVersion: string | undefined): string | undefined => {
    const a = app();
    if (k8sVersion !== undefined) LifecycleValidation.enable(a, { k8sVersion, onWarning: () => undefined });
    else LifecycleValidation.enable(a, { onWarning: () => undefined });
    new ApiObject(new Chart(a, 'shop'), 'web', sleepDeployment());
    try {
      a.synth();
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  };

  test('default 1.28: the synth fails, advising LifecycleValidation.enable with 1.30', () => {
    const message = synthWith(undefined)!;
    expect(message).toContain('[structure/unknown-field]');
    expect(message).toContain('added in Kubernetes 1.30; call LifecycleValidation.enable(app, { k8sVersion: \'1.30\' }) before adding constructs if your cluster runs it');
  });

  test('1.29: the synth fails on the dropped sleep', () => {
    const message = synthWith('1.29')!;
    expect(message).toContain('[api-server/gated-field]');
    expect(message).toContain('on by default from 1.30');
  });

  test.each(['1.30', '1.32', '1.35'])('%s: the synth passes', version => {
    expect(synthWith(version)).toBeUndefined();
  });

  test('an unsupported version fails at enable, naming the option and the range', () => {
    expect(() => LifecycleValidation.enable(app(), { k8sVersion: '1.40' }))
      .toThrow('LifecycleValidation.enable: k8sVersion "1.40" is not supported; fix: use a version from 1.28 to 1.35, e.g. \'1.30\'');
  });

  test('the app\'s own call stands over the one our constructs make: a GracefulWebService app targets 1.29 or 1.30', () => {
    for (const [version, fails] of [['1.29', true], ['1.30', false]] as const) {
      const a = app();
      LifecycleValidation.enable(a, { k8sVersion: version, onWarning: () => undefined });
      // GracefulWebService enables validation itself (with the default version): the first call wins.
      new GracefulWebService(new Chart(a, 'shop'), 'web', { image: 'nginxinc/nginx-unprivileged:1.27', port: 8080 });
      new ApiObject(new Chart(a, 'edge'), 'drain', sleepDeployment('drain'));
      let message: string | undefined;
      try {
        a.synth();
      } catch (err) {
        message = (err as Error).message;
      }
      if (fails) expect(message).toContain('edge/drain (Deployment drain): spec.template.spec.containers[0].lifecycle.preStop.sleep');
      else expect(message).toBeUndefined();
    }
  });
});
