/**
 * Issue 10, point 7: `lint` and `explain` judge alike. Every verdict kind `explain` can give has a
 * lint rule in the registry that fires where the verdict does, with the same severity, on the same
 * object; and on every manifest we have (the rules' fixtures, the seeds, the example app) the
 * verdict-backed rules report exactly what `explain` finds. A verdict kind added without its rule
 * fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { VERDICT_LINT_RULES, type VerdictRule } from '../../src/explain/model';
import { analyzeWorkload, explainObjects } from '../../src/explain/timeline';
import { renderRulesDoc } from '../../src/tools/rules-doc';
import { lintObjects } from '../../src/validation/engine';
import { podSpecOf } from '../../src/validation/pod-template';
import { RULES } from '../../src/validation/registry';
import type { KubeObject } from '../../src/validation/rule';
import { LIFECYCLE_RULES } from '../../src/validation/rules/lifecycle';

const VERDICT_BACKED = new Set(Object.values(VERDICT_LINT_RULES).flat());
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'explain', 'explain-output.schema.json'), 'utf8'));
const SCHEMA_KINDS: string[] = schema.$defs.verdict.properties.rule.enum;

/** What explain says of each object, as `rule severity objectIndex path`. */
function fromExplain(objects: readonly KubeObject[]): string[] {
  return objects.flatMap((o, i) => (analyzeWorkload(o, { objects })?.verdicts ?? [])
    .map(v => `${v.lintRule} ${v.severity} ${i} ${v.path}`)).sort();
}

/** What the verdict-backed lint rules say of the same objects. */
function fromLint(objects: readonly KubeObject[]): string[] {
  return lintObjects(objects, { rules: LIFECYCLE_RULES.filter(r => VERDICT_BACKED.has(r.id)) })
    .map(f => `${f.rule} ${f.severity} ${f.objectIndex} ${f.path}`).sort();
}

function yamlObjects(file: string): KubeObject[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS() as KubeObject).filter(Boolean);
}

describe('every verdict kind has a lint rule', () => {
  const kinds = Object.keys(VERDICT_LINT_RULES) as VerdictRule[];

  test('the documented verdict kinds are exactly those with rules', () => {
    expect([...SCHEMA_KINDS].sort()).toEqual([...kinds].sort());
  });

  test.each(kinds)('%s: its rules are in the registry, documented in docs/rules.md, and fire on their bad fixtures as explain does', kind => {
    const ids = VERDICT_LINT_RULES[kind];
    expect(ids.length).toBeGreaterThan(0);
    const doc = renderRulesDoc();
    for (const id of ids) {
      const rule = RULES.find(r => r.id === id);
      expect({ id, registered: rule !== undefined }).toEqual({ id, registered: true });
      expect(doc).toContain(`### \`${id}\``);
      const bad = rule!.fixtures.bad;
      const verdicts = bad.flatMap((o, i) => (analyzeWorkload(o, { objects: bad })?.verdicts ?? []).map(v => ({ ...v, i })))
        .filter(v => v.rule === kind && v.lintRule === id);
      expect({ id, verdicts: verdicts.length > 0 }).toEqual({ id, verdicts: true });
      const findings = lintObjects(bad, { rules: [rule!] });
      for (const v of verdicts) {
        expect(findings).toContainEqual(expect.objectContaining({ rule: id, severity: v.severity, objectIndex: v.i, path: v.path, message: v.message }));
      }
      // The rule's registered severity is the worst it reports.
      if (verdicts.some(v => v.severity === 'error')) expect(rule!.severity).toBe('error');
    }
  });
});

describe('lint reports what explain finds, on every manifest we have', () => {
  test.each(LIFECYCLE_RULES.map(r => [r.id, r] as const))('the fixtures of %s', (_id, rule) => {
    for (const set of [rule.fixtures.good, rule.fixtures.bad]) expect(fromLint(set)).toEqual(fromExplain(set));
  });

  const dist = path.join(__dirname, '..', '..', 'dist');
  test.each(fs.readdirSync(dist).filter(f => f.endsWith('.yaml')))('dist/%s on its own', file => {
    const objects = yamlObjects(path.join(dist, file));
    expect(fromLint(objects)).toEqual(fromExplain(objects));
  });

  test('the whole example app at once (Services of other files in the set)', () => {
    const objects = fs.readdirSync(dist).filter(f => f.endsWith('.yaml')).flatMap(f => yamlObjects(path.join(dist, f)));
    expect(fromLint(objects)).toEqual(fromExplain(objects));
    // dist/ carries no error, by either.
    expect(fromExplain(objects).filter(f => f.includes(' error '))).toEqual([]);
  });

  test('the docs/explain examples', () => {
    for (const file of ['fortune-seed.yaml', 'nacos-app.yaml']) {
      const objects = yamlObjects(path.join(__dirname, '..', '..', 'docs', 'explain', file));
      expect(fromLint(objects)).toEqual(fromExplain(objects));
    }
  });
});

describe('the seed\'s own mistake fails a lint gate (issue 10, point 7)', () => {
  // seeds/000: nginx behind a Service, preStop `nginx -s quit` with no drain.
  const fortune: KubeObject = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'fortune' },
    spec: {
      selector: { matchLabels: { app: 'fortune' } },
      template: {
        metadata: { labels: { app: 'fortune' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:alpine', ports: [{ containerPort: 80 }], lifecycle: { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } } }] },
      },
    },
  };
  const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'fortune' }, spec: { selector: { app: 'fortune' }, ports: [{ port: 80 }] } };

  test('explain\'s error is lint\'s error', () => {
    const [e] = explainObjects([fortune, svc]);
    const [v] = e.verdicts;
    expect(v).toMatchObject({ rule: 'traffic-after-stop', severity: 'error', lintRule: 'lifecycle/traffic-after-stop' });
    const errors = lintObjects([fortune, svc]).filter(f => f.severity === 'error');
    expect(errors.map(f => `${f.rule} ${f.path}`)).toEqual(['lifecycle/traffic-after-stop spec.template.spec.containers[0].lifecycle.preStop']);
    expect(errors[0].message).toBe(v.message);
    expect(errors[0].fix).toContain('sleep 5; nginx -s quit; while kill -0 1 2>/dev/null; do sleep 1; done');
  });

  test('without a Service in the set both say warning; with a Service that selects others, neither says anything', () => {
    expect(lintObjects([fortune]).filter(f => f.rule === 'lifecycle/traffic-after-stop').map(f => f.severity)).toEqual(['warning']);
    const other = { ...svc, spec: { selector: { app: 'other' }, ports: [{ port: 80 }] } };
    expect(lintObjects([fortune, other]).filter(f => f.rule === 'lifecycle/traffic-after-stop')).toEqual([]);
    expect(explainObjects([fortune, other])[0].verdicts).toEqual([]);
  });
});

describe('the verdict-backed rules cite public sources', () => {
  test.each([...VERDICT_BACKED])('%s', id => {
    const rule = RULES.find(r => r.id === id)!;
    expect(rule.docs).toMatch(/https:\/\/(kubernetes\.io|github\.com\/kubernetes\/kubernetes\/blob\/v\d+\.\d+\.\d+)\//);
    expect(rule.docs).not.toMatch(/seeds\/|lifecycle-facts/);
  });
});

test('sidecars (restartable init containers) are judged too, as lint always did, and drawn', () => {
  const pod: KubeObject = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: {
      initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', lifecycle: { preStop: { exec: { command: ['sleep', '40'] } } } }],
      containers: [{ name: 'app', image: 'app' }],
    },
  };
  expect(fromLint([pod])).toEqual(['lifecycle/prestop-exceeds-grace-period error 0 spec.initContainers[0].lifecycle.preStop']);
  expect(fromExplain([pod])).toEqual(fromLint([pod]));
  const [e] = explainObjects([pod]);
  const lane = e.panels[1].lanes.find(l => l.id === 'container:proxy')!;
  expect(lane.label).toBe('proxy (sidecar)');
  expect(e.termination.containers.map(c => [c.name, c.sidecar])).toEqual([['app', false], ['proxy', true]]);
});

test('every object with a pod spec is judged, other kinds are skipped', () => {
  const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
  expect(analyzeWorkload(configMap)).toBeUndefined();
  const template: KubeObject = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'a', image: 'a', lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }] } } };
  expect(podSpecOf(template)).toBeDefined();
  expect(fromLint([template])).toEqual(fromExplain([template]));
  expect(fromLint([template])).toEqual(['lifecycle/prestop-with-zero-grace-period error 0 template.spec.containers[0].lifecycle.preStop']);
});
