import { lintObjects } from '../../../src/validation/engine';
import type { Finding } from '../../../src/validation/finding';
import type { KubeObject } from '../../../src/validation/rule';
import { deployment, editedDeployment, firstContainer } from '../../../src/validation/rules/structure/fixtures';
import { STRUCTURE_RULES } from '../../../src/validation/rules/structure';

function lint(object: KubeObject): Finding[] {
  return lintObjects([object], { rules: STRUCTURE_RULES });
}

function only(object: KubeObject): Finding {
  const findings = lint(object);
  expect(findings).toHaveLength(1);
  return findings[0];
}

describe('unknown fields, as kubectl apply --validate=strict reports them', () => {
  test('livenesProbe: kubectl\'s message, Kubernetes path, closest field', () => {
    const f = only(editedDeployment(d => {
      const c = firstContainer(d);
      c.livenesProbe = c.livenessProbe;
      delete c.livenessProbe;
    }));
    expect(f).toMatchObject({
      rule: 'structure/unknown-field',
      severity: 'error',
      path: 'spec.template.spec.containers[0].livenesProbe',
      message: 'unknown field "spec.template.spec.containers[0].livenesProbe"',
      kind: 'Deployment',
      name: 'web',
    });
    expect(f.fix).toMatch(/^did you mean "livenessProbe"\?/);
  });

  test('initialDelaySecond inside a probe', () => {
    const f = only(editedDeployment(d => {
      firstContainer(d).readinessProbe.initialDelaySecond = 5;
    }));
    expect(f.path).toBe('spec.template.spec.containers[0].readinessProbe.initialDelaySecond');
    expect(f.fix).toMatch(/^did you mean "initialDelaySeconds"\?/);
  });

  test('terminationGracePeriodSecond on the pod spec', () => {
    const f = only(editedDeployment(d => {
      d.spec.template.spec.terminationGracePeriodSecond = 60;
    }));
    expect(f.path).toBe('spec.template.spec.terminationGracePeriodSecond');
    expect(f.fix).toMatch(/^did you mean "terminationGracePeriodSeconds"\?/);
  });

  test('the sleep lifecycle action does not exist in 1.28, and the fix says what to use instead', () => {
    const f = only(editedDeployment(d => {
      firstContainer(d).lifecycle.preStop = { sleep: { seconds: 10 } };
    }));
    expect(f.message).toBe('unknown field "spec.template.spec.containers[0].lifecycle.preStop.sleep"');
    expect(f.fix).toContain('1.29');
    expect(f.fix).toContain('exec');
  });

  test('field names are case-sensitive', () => {
    const f = only(editedDeployment(d => {
      firstContainer(d).ReadinessProbe = firstContainer(d).readinessProbe;
      delete firstContainer(d).readinessProbe;
    }));
    expect(f.fix).toMatch(/^did you mean "readinessProbe"\?/);
  });

  test('a field at the wrong level names the type it belongs to', () => {
    const f = only(editedDeployment(d => {
      d.spec.template.spec.readinessProbe = firstContainer(d).readinessProbe;
      delete firstContainer(d).readinessProbe;
    }));
    expect(f.path).toBe('spec.template.spec.readinessProbe');
    expect(f.fix).toContain('Container');
    expect(f.fix).toContain('indentation');
  });

  test('a field no type has lists the known ones', () => {
    const f = only(editedDeployment(d => {
      d.spec.template.spec.containers[0].resources.zzz = 1;
    }));
    expect(f.fix).toMatch(/^remove "zzz": ResourceRequirements has no such field \(its fields: claims, limits, requests\)/);
  });

  test('unknown fields at the root, in metadata, in list items and in map values are all found, without descending into them', () => {
    const findings = lint(editedDeployment(d => {
      d.spc = {};
      d.metadata.lables = { a: 'b' };
      d.spec.template.spec.containers.push({ name: 'side', image: 'busybox', comand: ['sh'], lifecycle: { preStop: { sleep: { bogus: 1 } } } });
    }));
    expect(findings.map(f => f.path)).toEqual([
      'metadata.lables',
      'spc',
      'spec.template.spec.containers[1].comand',
      'spec.template.spec.containers[1].lifecycle.preStop.sleep',
    ]);
  });
});

describe('wrong types, as the decoder rejects them', () => {
  test('replicas: "3"', () => {
    const f = only(editedDeployment(d => {
      d.spec.replicas = '3';
    }));
    expect(f).toMatchObject({
      rule: 'structure/wrong-type',
      severity: 'error',
      path: 'spec.replicas',
      message: 'invalid value for "spec.replicas": expected an integer (int32), got string "3"',
      fix: 'remove the quotes: replicas: 3',
    });
  });

  test('containerPort: "80"', () => {
    const f = only(editedDeployment(d => {
      firstContainer(d).ports[0].containerPort = '80';
    }));
    expect(f.path).toBe('spec.template.spec.containers[0].ports[0].containerPort');
    expect(f.fix).toBe('remove the quotes: containerPort: 80');
  });

  test('int-or-string fields take a string or an integer, not a fraction or a boolean', () => {
    expect(lint(editedDeployment(d => {
      firstContainer(d).livenessProbe.httpGet.port = '8080';
      firstContainer(d).readinessProbe.httpGet.port = 8080;
      d.spec.strategy.rollingUpdate = { maxSurge: 1, maxUnavailable: '10%' };
    }))).toEqual([]);
    const findings = lint(editedDeployment(d => {
      firstContainer(d).livenessProbe.httpGet.port = 80.5;
      d.spec.strategy.rollingUpdate.maxSurge = true;
    }));
    expect(findings.map(f => [f.path, f.rule])).toEqual([
      ['spec.strategy.rollingUpdate.maxSurge', 'structure/wrong-type'],
      ['spec.template.spec.containers[0].livenessProbe.httpGet.port', 'structure/wrong-type'],
    ]);
    expect(findings[0].message).toBe('invalid value for "spec.strategy.rollingUpdate.maxSurge": expected an integer (int32) or a string, got boolean true');
  });

  test('strings where a string belongs: env values, labels, annotations', () => {
    const findings = lint(editedDeployment(d => {
      firstContainer(d).env = [{ name: 'PORT', value: 8080 }];
      d.metadata.annotations = { 'prometheus.io/scrape': true };
    }));
    expect(findings.map(f => [f.path, f.fix])).toEqual([
      ['metadata.annotations[prometheus.io/scrape]', 'quote the value: prometheus.io/scrape: "true"'],
      ['spec.template.spec.containers[0].env[0].value', 'quote the value: value: "8080"'],
    ]);
  });

  test('booleans, lists and objects', () => {
    const findings = lint(editedDeployment(d => {
      d.spec.paused = 'false';
      firstContainer(d).args = 'serve --port 8080';
      firstContainer(d).command = ['nginx', 1];
      firstContainer(d).resources = ['cpu'];
      d.spec.template.spec.containers[0].lifecycle.preStop.exec.command = 'nginx -s quit';
    }));
    expect(findings.map(f => [f.path, f.message.replace(/^invalid value for "[^"]*": /, '')])).toEqual([
      ['spec.paused', 'expected a boolean (true or false), got string "false"'],
      ['spec.template.spec.containers[0].args', 'expected a list, got string "serve --port 8080"'],
      ['spec.template.spec.containers[0].command[1]', 'expected a string, got number 1'],
      ['spec.template.spec.containers[0].lifecycle.preStop.exec.command', 'expected a list, got string "nginx -s quit"'],
      ['spec.template.spec.containers[0].resources', 'expected an object (ResourceRequirements), got a list'],
    ]);
    expect(findings[0].fix).toBe('remove the quotes: paused: false');
    expect(findings[2].fix).toBe('quote the value: "1"');
  });

  test('int32 range and whole numbers', () => {
    const findings = lint(editedDeployment(d => {
      d.spec.replicas = 2147483648;
      d.spec.minReadySeconds = 1.5;
      d.spec.template.spec.activeDeadlineSeconds = 2147483648; // int64: fine
    }));
    expect(findings.map(f => [f.path, f.fix])).toEqual([
      ['spec.minReadySeconds', 'use a whole number for minReadySeconds'],
      ['spec.replicas', 'use a value between -2147483648 and 2147483647'],
    ]);
  });

  test('quantities: numbers and quantity strings pass, a unit the decoder does not know fails', () => {
    expect(lint(editedDeployment(d => {
      firstContainer(d).resources = { requests: { cpu: 0.5, memory: '1G' }, limits: { cpu: '2', memory: 1073741824, 'nvidia.com/gpu': 1 } };
    }))).toEqual([]);
    const f = only(editedDeployment(d => {
      firstContainer(d).resources.limits.memory = '512MB';
    }));
    expect(f.path).toBe('spec.template.spec.containers[0].resources.limits[memory]');
    expect(f.fix).toContain('512M (10^6) or 512Mi (2^20)');
  });

  test('null is accepted for any field, as Go leaves it unset', () => {
    expect(lint(editedDeployment(d => {
      d.metadata.creationTimestamp = null;
      d.spec.replicas = null;
      d.spec.template.spec.containers[0].env = null;
      d.status = {};
    }))).toEqual([]);
  });

  test('Secret data must be base64; stringData takes plain text', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { ok: 'aGVsbG8=', bad: 'hello' }, stringData: { plain: 'hello' } };
    const f = only(secret);
    expect(f.path).toBe('data[bad]');
    expect(f.fix).toContain('stringData');
  });

  test('timestamps must be RFC 3339', () => {
    const f = only(editedDeployment(d => {
      d.metadata.creationTimestamp = '2024-01-02 10:00';
    }));
    expect(f.path).toBe('metadata.creationTimestamp');
  });

  test('MicroTime fields need six fraction digits', () => {
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { renewTime: '2024-01-02T15:04:05.000000Z' } };
    expect(lint(lease)).toEqual([]);
    expect(only({ ...lease, spec: { renewTime: '2024-01-02T15:04:05Z' } }).path).toBe('spec.renewTime');
  });

  test('raw JSON fields (RawExtension, FieldsV1) accept anything', () => {
    expect(lint({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'r', managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': { whatever: [1, 'x'] } } }] },
      data: { spec: { anything: true } },
      revision: 1,
    })).toEqual([]);
  });

  test('a wrong type is reported once, without descending into the value', () => {
    const findings = lint(editedDeployment(d => {
      d.spec.template = 'oops';
    }));
    expect(findings.map(f => f.path)).toEqual(['spec.template']);
  });
});

describe('kinds', () => {
  test('a CRD gets one info finding from the whole registry, never an error', () => {
    const rollout = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'web' },
      spec: { replicas: '3', template: { spec: { containers: [{ name: 'x', livenesProbe: {}, lifecycle: { preStop: { tcpSocket: { port: 1 } } } }] } } },
    };
    const findings = lintObjects([rollout]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'structure/unknown-kind', severity: 'info', path: '' });
    expect(findings[0].message).toBe('argoproj.io/v1alpha1 Rollout is not a built-in Kubernetes kind (a custom resource?): not checked');
  });

  test('a custom kind named Deployment gets no pod rules', () => {
    const lookalike = editedDeployment(d => {
      d.apiVersion = 'example.com/v1';
      d.spec.replicas = 'three';
      firstContainer(d).lifecycle = { preStop: { tcpSocket: { port: 'nope' } } };
      firstContainer(d).livenessProbe = { exec: { command: [] }, successThreshold: 5 };
    });
    expect(lintObjects([lookalike]).map(f => f.rule)).toEqual(['structure/unknown-kind']);
  });

  test('a removed beta of a built-in group is an error naming the version to use', () => {
    const f = only({ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' }, spec: {} });
    expect(f).toMatchObject({ rule: 'structure/unserved-kind', severity: 'error', path: 'apiVersion', fix: 'use apiVersion: batch/v1' });
    expect(only({ ...deployment(), apiVersion: 'extensions/v1beta1' }).fix).toBe('use apiVersion: apps/v1');
    expect(only({ ...deployment(), kind: 'deployment' }).fix).toBe('did you mean kind: Deployment? (apiVersion: apps/v1)');
  });

  test('no apiVersion or kind: one error each, and nothing else runs', () => {
    const d = deployment();
    delete d.apiVersion;
    d.spec.replicas = 'x';
    const findings = lintObjects([d]);
    expect(findings.map(f => [f.rule, f.path, f.message])).toEqual([['structure/missing-identity', 'apiVersion', 'apiVersion not set']]);
    expect(findings[0].fix).toBe('set apiVersion: apps/v1 (Deployment in Kubernetes 1.28)');
    expect(lint({ metadata: { name: 'x' } }).map(f => f.message)).toEqual(['apiVersion not set', 'kind not set']);
  });

  test('a v1 List that reached the rules unopened is information, not a removed kind', () => {
    const f = only({ apiVersion: 'v1', kind: 'List', items: [deployment()] });
    expect(f).toMatchObject({ rule: 'structure/unknown-kind', severity: 'info', path: 'items' });
    // Typed lists are built-in kinds, and their items are checked strictly.
    const list = { apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: {}, items: [editedDeployment(d => { d.spec.replicas = '1'; })] };
    expect(lint(list).map(x => x.path)).toEqual(['items[0].spec.replicas']);
  });

  test('non-object input never crashes a rule', () => {
    const weird: KubeObject[] = [{}, { apiVersion: 1, kind: [] }, { apiVersion: 'apps/v1', kind: 'Deployment', spec: 5 }, { apiVersion: 'v1', kind: 'List', items: 3 }];
    const findings = lintObjects(weird, { rules: STRUCTURE_RULES });
    expect(findings.filter(f => f.rule === 'internal/rule-crashed')).toEqual([]);
    expect(findings.find(f => f.objectIndex === 2)).toMatchObject({ rule: 'structure/wrong-type', path: 'spec' });
  });
});

test('an object mutated between two lint runs is checked again', () => {
  const d = deployment();
  expect(lint(d)).toEqual([]);
  d.spec.replicas = '2';
  expect(lint(d).map(f => f.path)).toEqual(['spec.replicas']);
  d.spec.replicas = 2;
  expect(lint(d)).toEqual([]);
});
