import * as fs from 'fs';
import { excerpt, renderRulesDoc, RULES_DOC_PATH } from '../../src/tools/rules-doc';
import { loadReadableObjects } from '../../src/lint/load-objects';
import { runRules } from '../../src/validation/engine';
import { ENGINE_RULES } from '../../src/validation/engine-rules';
import { RULES } from '../../src/validation/registry';
import { TEST_RULES } from './test-rules';

test('the committed docs/rules.md is what the generator produces (run `npm run docs` after changing a rule)', () => {
  expect(fs.readFileSync(RULES_DOC_PATH, 'utf8')).toBe(renderRulesDoc(RULES));
});

test('every rule of the registry, and every finding of the engine, has a section and a row in an index', () => {
  const doc = renderRulesDoc(RULES);
  for (const rule of [...RULES, ...ENGINE_RULES]) {
    expect(doc).toContain(`### \`${rule.id}\``);
    expect(doc).toContain(`| [\`${rule.id}\`](#`);
  }
  expect(doc).toContain('### `input/unreadable`\n\n**Severity:** error · cannot be disabled\n');
  expect(doc).toContain('`lifecycle.cdk8s.io/ignore: "rule-a,rule-b"`, with the reason in `lifecycle.cdk8s.io/ignore-reason`');
});

test('the engine findings\' examples: the flagged one shows what the linter reports on it, the accepted one gets nothing', () => {
  const doc = renderRulesDoc(RULES);
  expect(doc).toContain('**Flagged** (line 7: cannot parse YAML: Map keys must be unique):');
  expect(doc).toContain('**Flagged** (line 6: suppresses nothing: "lifecycle/liveness-equals-readiness" is not a rule id; did you mean "lifecycle/liveness-same-as-readiness"?):');
  for (const rule of ENGINE_RULES) {
    if (!rule.examples?.accepted) continue;
    const loaded = loadReadableObjects({ file: 'accepted.yaml', text: rule.examples.accepted });
    expect(loaded.errors).toEqual([]);
    expect(runRules(loaded.objects.map(o => o.object)).findings.filter(f => f.rule === rule.id)).toEqual([]);
  }
});

test('a section: severity, summary, docs, fix, and the bad fixture excerpt with what the rule reports', () => {
  const rule = {
    ...TEST_RULES[0],
    fixtures: {
      bad: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 0 }] }] } }],
      good: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }] }] } }],
    },
  };
  const doc = renderRulesDoc([rule]);
  expect(doc).toContain([
    '### `test/bad-port`',
    '',
    '**Severity:** error',
    '',
    'Container ports are 1-65535.',
    '',
    'The API server rejects a containerPort outside 1-65535.',
    '',
    '**Fix:** use a port between 1 and 65535',
    '',
    '**Flagged** (`spec.containers[0].ports[0].containerPort`: must be between 1 and 65535, inclusive (got 0)):',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    'spec:',
    '  containers:',
    '    - name: c',
    '      ports:',
    '        - containerPort: 0',
    '```',
    '',
    '**Accepted:**',
    '',
    '```yaml',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    'spec:',
    '  containers:',
    '    - name: c',
    '      ports:',
    '        - containerPort: 80',
    '```',
  ].join('\n'));
  expect(doc).toContain('1 rule (1 error, 0 warnings, 0 infos)');
});

test('excerpt: the branch to the path with identifying fields; where the path leaves the object, that node whole', () => {
  const obj = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { a: 'b' } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y', ports: [{ containerPort: 1 }] }] } } },
  };
  expect(excerpt(obj, 'spec.template.spec.containers[1].ports[0].containerPort')).toEqual({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
    spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'b', ports: [{ containerPort: 1 }] }] } } },
  });
  // readinessProbe is absent: the container is shown whole.
  expect(excerpt(obj, 'spec.template.spec.containers[0].readinessProbe')).toEqual({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
    spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b' }] } } },
  });
  expect(excerpt(obj, '')).toBe(obj);
});

test('long excerpts are cut, and the cut is marked', () => {
  const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
  const rule = { ...TEST_RULES[2], fixtures: { bad: [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: many }], good: [] } };
  const doc = renderRulesDoc([rule]);
  expect(doc).toContain('  k24: 24\n# … 25 more lines\n```');
});

test('excerpt of a missing top-level field: the object identity only', () => {
  const obj = { kind: 'Deployment', metadata: { name: 'd', labels: { a: 'b' } }, spec: { replicas: 1 } };
  expect(excerpt(obj, 'apiVersion')).toEqual({ kind: 'Deployment', metadata: { name: 'd' } });
});
