/**
 * Generates docs/rules.md from the rule registry: every rule with its id, severity, summary, docs,
 * fix, and an excerpt of a bad fixture (with what the rule reports on it) and of a good one.
 *
 *     npm run docs                          # rebuild and rewrite docs/rules.md
 *     node lib/tools/rules-doc.js --check   # exit 1 when docs/rules.md is stale
 *
 * A test compares the committed file with this output, so the docs never go stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { DEFAULT_K8S_VERSION, DEFAULT_K8S_VERSION_REASON, supportedK8sVersionsText } from '../lint/k8s-version';
import { pathSegments, type PathSegment } from '../lint/path-segments';
import { loadReadableObjects } from '../lint/load-objects';
import { lintObjects, runRules } from '../validation/engine';
import { ENGINE_RULES, INPUT_UNREADABLE, type EngineRule } from '../validation/engine-rules';
import { IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION } from '../validation/ignore-annotation';
import type { Finding, Severity } from '../validation/finding';
import { RULES } from '../validation/registry';
import type { KubeObject, Rule, RuleCategory } from '../validation/rule';

/** docs/rules.md of the package (two levels up from both src/tools and lib/tools). */
export const RULES_DOC_PATH = path.join(__dirname, '..', '..', 'docs', 'rules.md');

/** Kubernetes' source tree at the release the rules' citations refer to. */
const K8S_SOURCE = 'https://github.com/kubernetes/kubernetes/blob/v1.28.0';

const CATEGORIES: ReadonlyArray<{
  readonly id: RuleCategory;
  readonly title: string;
  readonly intro: string;
  /** Where the files the category's docs name by their short name are, for a reader to open. */
  readonly sources: string;
}> = [
  {
    id: 'structure',
    title: 'Structure',
    intro: 'What `kubectl apply` with strict field validation rejects before the API server looks at the values: unknown fields and wrong types, checked against the OpenAPI definitions of the target Kubernetes version (1.28 to 1.35, which the package carries). A field or kind of another version says which version added or removed it.',
    sources: 'Sources: the OpenAPI definitions Kubernetes publishes for each release (e.g. https://github.com/kubernetes/kubernetes/tree/v1.28.0/api/openapi-spec; '
      + 'the v1.29.0 to v1.35.0 tags alike) and field validation (https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation).',
  },
  {
    id: 'api-server',
    title: 'API server',
    intro: 'What kube-apiserver of the target version rejects in Pods and pod templates (validation.go of that release, with its default feature gates), checked after the defaulting the server applies first, so a manifest the server accepts gets no error; and what it silently drops because a field\'s feature gate is off by default in that release (api-server/gated-field).',
    sources: `Sources: "validation.go" is ${K8S_SOURCE}/pkg/apis/core/validation/validation.go, `
      + `"apps validation.go" ${K8S_SOURCE}/pkg/apis/apps/validation/validation.go, `
      + `"batch validation.go" ${K8S_SOURCE}/pkg/apis/batch/validation/validation.go; `
      + `the defaulting (SetDefaults_*) is in ${K8S_SOURCE}/pkg/apis/core/v1/defaults.go and ${K8S_SOURCE}/pkg/apis/apps/v1/defaults.go, `
      + `dropDisabledFields in ${K8S_SOURCE}/pkg/api/pod/util.go, `
      + `IsValidPortName, IsEnvVarName and the DNS name checks in ${K8S_SOURCE}/staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go.`,
  },
  {
    id: 'lifecycle',
    title: 'Lifecycle',
    intro: 'Manifests the API server accepts but that drop requests, kill pods too early or never run a hook, judged by what the kubelet and the controllers do with them.',
    sources: 'Sources: each rule links the code it rests on (the kubelet, https://github.com/kubernetes/kubernetes/tree/v1.28.0/pkg/kubelet, and the controllers, at v1.28.0) '
      + 'and the Kubernetes documentation (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/).',
  },
];

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** The whole document; deterministic for a given rule list. */
export function renderRulesDoc(rules: readonly Rule[] = RULES): string {
  const out: string[] = [];
  out.push('# Rules');
  out.push('');
  out.push('<!-- Generated from the rule registry by src/tools/rules-doc.ts (`npm run docs`). Do not edit by hand. -->');
  out.push('');
  const counts = SEVERITY_ORDER.map(s => plural(rules.filter(r => r.severity === s).length, s)).join(', ');
  out.push(`${plural(rules.length, 'rule')} (${counts}). Every rule runs in three places: at synth, on every`);
  out.push('`ApiObject` of an app that uses our constructs or calls `LifecycleValidation.enable(app)`');
  out.push('(errors fail the synth, warnings are printed); in the cdk8s-cli validation plugin');
  out.push('`LifecycleValidationPlugin`; and in `cdk8s-lifecycle lint FILE...` for any YAML or JSON.');
  out.push('Field paths are in Kubernetes\' notation, from the object root.');
  out.push('');
  out.push(`The structure and API-server rules follow the Kubernetes version the manifests target, ${supportedK8sVersionsText()}:`);
  out.push('its OpenAPI definitions, its validation and its default feature gates. The default is');
  out.push(`${DEFAULT_K8S_VERSION}, because ${DEFAULT_K8S_VERSION_REASON}; choose another with \`--k8s-version\` (CLI),`);
  out.push('`k8sVersion` in the plugin\'s properties, or `LifecycleValidation.enable(app, { k8sVersion })`.');
  out.push('The examples below are linted for the default version.');
  out.push('');
  out.push(`To suppress rules on one object, list their ids in its own \`metadata.annotations\`:`);
  out.push(`\`${IGNORE_ANNOTATION}: "rule-a,rule-b"\`, with the reason in \`${IGNORE_REASON_ANNOTATION}\`.`);
  out.push('Suppressed findings are counted (and listed as suppressed in JSON and SARIF), never failing a run.');
  out.push('Findings of the linter itself are at the end: [Input and engine](#input-and-engine).');
  out.push('');
  out.push('| Rule | Severity | Checks |');
  out.push('| --- | --- | --- |');
  for (const rule of ordered(rules)) {
    out.push(`| [\`${rule.id}\`](#${anchor(rule.id)}) | ${rule.severity} | ${cell(rule.summary)} |`);
  }
  for (const category of CATEGORIES) {
    const inCategory = ordered(rules).filter(r => r.category === category.id);
    if (inCategory.length === 0) continue;
    out.push('');
    out.push(`## ${category.title}`);
    out.push('');
    out.push(category.intro);
    out.push('', category.sources);
    for (const rule of inCategory) out.push('', ...renderRule(rule));
  }
  const others = rules.filter(r => !CATEGORIES.some(c => c.id === r.category));
  if (others.length > 0) {
    out.push('', '## Other');
    for (const rule of others) out.push('', ...renderRule(rule));
  }
  out.push('', '## Input and engine', '');
  out.push('What cdk8s-lifecycle reports about its input and itself, in every output like a rule\'s findings.');
  out.push('');
  out.push('| Id | Severity | Reports |');
  out.push('| --- | --- | --- |');
  for (const rule of ENGINE_RULES) out.push(`| [\`${rule.id}\`](#${anchor(rule.id)}) | ${rule.severity} | ${cell(rule.summary)} |`);
  for (const rule of ENGINE_RULES) out.push('', ...renderEngineRule(rule));
  out.push('');
  return out.join('\n');
}

function renderEngineRule(rule: EngineRule): string[] {
  const disable = rule.canDisable ? '' : ' · cannot be disabled';
  const out = [`### \`${rule.id}\``, '', `**Severity:** ${rule.severity}${disable}`, ''];
  out.push(rule.summary, '', rule.docs, '', `**Fix:** ${rule.fix}`);
  if (rule.examples) {
    const { line, message } = engineFinding(rule, rule.examples.flagged);
    out.push('', `**Flagged** (line ${line}: ${inline(message)}):`, '', '```yaml', ...rule.examples.flagged.trimEnd().split('\n'), '```');
    if (rule.examples.accepted) out.push('', '**Accepted:**', '', '```yaml', ...rule.examples.accepted.trimEnd().split('\n'), '```');
  }
  return out;
}

/** What the linter reports with this id on the example text: run, not written by hand. */
function engineFinding(rule: EngineRule, text: string): { line: number; message: string } {
  const loaded = loadReadableObjects({ file: 'example.yaml', text });
  if (rule.id === INPUT_UNREADABLE) {
    const error = loaded.errors[0];
    if (!error?.position) throw new Error(`the ${rule.id} example of docs/rules.md is readable`);
    return { line: error.position.line, message: error.reason };
  }
  const { findings } = runRules(loaded.objects.map(o => o.object));
  const finding = findings.find(f => f.rule === rule.id);
  if (!finding) throw new Error(`the ${rule.id} example of docs/rules.md is not flagged`);
  return { line: loaded.objects[finding.objectIndex].locate(finding.path).line, message: finding.message };
}

/** Registry order within a category: the order the rules' authors chose. */
function ordered(rules: readonly Rule[]): Rule[] {
  const rank = (r: Rule) => {
    const i = CATEGORIES.findIndex(c => c.id === r.category);
    return i === -1 ? CATEGORIES.length : i;
  };
  return rules.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map(x => x.r);
}

function renderRule(rule: Rule): string[] {
  const out = [`### \`${rule.id}\``, '', `**Severity:** ${rule.severity}${rule.appliesToUnknownKinds ? ' · also checks custom resources' : ''}`, ''];
  out.push(rule.summary, '', rule.docs, '', `**Fix:** ${rule.fix}`);
  const bad = firstFinding(rule);
  if (bad) {
    out.push('', `**Flagged** (\`${bad.finding.path || '(object)'}\`: ${inline(bad.finding.message)}):`, '');
    out.push(...yamlBlock(excerpt(bad.object, bad.finding.path)));
  }
  const good = rule.fixtures.good[0];
  if (good) {
    out.push('', '**Accepted:**', '');
    out.push(...yamlBlock(excerpt(good, bad?.finding.path ?? '')));
  }
  return out;
}

/** The first finding of the rule on its bad fixtures (linted together, as a file would be). */
function firstFinding(rule: Rule): { finding: Finding; object: KubeObject } | undefined {
  const bad = rule.fixtures.bad;
  const finding = lintObjects(bad, { rules: [rule] }).find(f => f.rule === rule.id);
  return finding ? { finding, object: bad[finding.objectIndex] } : undefined;
}

/** Scalar fields kept beside the path so the reader sees what the object and its items are. */
const IDENTITY_FIELDS = new Set(['apiVersion', 'kind', 'name']);

/** Excerpts longer than this are cut (the cut is marked). */
export const MAX_EXCERPT_LINES = 30;

/**
 * The branch of an object that leads to a field path: at every level only the field on the path
 * and identifying scalars (apiVersion, kind, name, metadata.name); other list items keep only their
 * name. Where the path leaves the object (a field that is missing is often the finding), that node
 * is shown whole, unless it is the object itself.
 */
export function excerpt(object: KubeObject, fieldPath: string): unknown {
  const segments = pathSegments(fieldPath);
  // A missing top-level field (apiVersion, spec): the object's identity says enough.
  if (segments.length > 0 && !(String(segments[0]) in object)) return identityOf(object);
  return branch(object, segments);
}

function branch(node: unknown, segments: readonly PathSegment[]): unknown {
  if (segments.length === 0) return node;
  const [segment, ...rest] = segments;
  if (typeof segment === 'number') {
    if (!Array.isArray(node) || segment >= node.length) return node;
    return node.map((item, i) => (i === segment ? branch(item, rest) : nameOnly(item)));
  }
  if (!isObject(node) || !(segment in node)) return node;
  // Keys in the object's own order, the one on the path among them.
  const identity = identityOf(node) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    if (key === segment) out[key] = branch(node[key], rest);
    else if (key in identity) out[key] = identity[key];
  }
  return out;
}

/** apiVersion, kind, name and metadata.name of an object (or list item). */
function identityOf(node: unknown): unknown {
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (IDENTITY_FIELDS.has(key) && !isObject(value) && !Array.isArray(value)) out[key] = value;
    else if (key === 'metadata' && isObject(value) && typeof value.name === 'string') out[key] = { name: value.name };
  }
  return out;
}

function nameOnly(item: unknown): unknown {
  return isObject(item) && typeof item.name === 'string' ? { name: item.name } : item;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function yamlBlock(value: unknown): string[] {
  const lines = stringify(value, { lineWidth: 0 }).trimEnd().split('\n');
  const shown = lines.length > MAX_EXCERPT_LINES
    ? [...lines.slice(0, MAX_EXCERPT_LINES), `# … ${lines.length - MAX_EXCERPT_LINES} more lines`]
    : lines;
  return ['```yaml', ...shown, '```'];
}

/** GitHub's heading anchors: lower case, punctuation other than "-" dropped. */
function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function inline(text: string): string {
  return text.replace(/\n/g, ' ');
}

if (require.main === module) {
  const text = renderRulesDoc();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(RULES_DOC_PATH) ? fs.readFileSync(RULES_DOC_PATH, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${path.relative(process.cwd(), RULES_DOC_PATH)} is stale: run npm run docs\n`);
      process.exitCode = 1;
    }
  } else {
    fs.mkdirSync(path.dirname(RULES_DOC_PATH), { recursive: true });
    fs.writeFileSync(RULES_DOC_PATH, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), RULES_DOC_PATH)} (${RULES.length} rules)\n`);
  }
}
