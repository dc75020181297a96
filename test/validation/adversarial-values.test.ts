/**
 * Every rule against values JSON (and YAML) can legally produce but that trip code which treats
 * input as strings or plain objects: objects whose `toString`/`valueOf` are not functions (a
 * template literal, `+ ''` or String() on them throws "Cannot convert object to primitive value"),
 * an own `__proto__` or `hasOwnProperty` key, strings such as "constructor" that name
 * Object.prototype members when used as lookup keys, arrays where objects belong, Infinity (1e400
 * parses to it), -0, long and deeply nested strings.
 *
 * Deterministic where `lifecycle/robustness.test.ts` samples: each field of each fixture of each
 * rule (every path, at every depth) in turn replaced by each value below, and each object key in
 * turn renamed to each dangerous name. Every rule then checks the result, through the engine (no
 * `internal/rule-crashed`, Kubernetes 1.28) and called directly (no throw, 1.30, so that sidecar
 * and sleep-action code runs too), with the fixture's companions as context; the rules that read
 * the other objects (a Service in front of a Deployment) also check the companions.
 */
import { PRESTOP_SECONDS_ANNOTATION } from '../../src/analysis/annotations';
import { scriptSleepSeconds } from '../../src/analysis/hook-duration';
import { LifecycleValidationPlugin } from '../../src/validation/cdk8s-plugin';
import { lintObjects } from '../../src/validation/engine';
import { podSpecOf } from '../../src/validation/pod-template';
import { RULES } from '../../src/validation/registry';
import type { KubeObject, Rule, RuleContext } from '../../src/validation/rule';
import { canonicalQuantity } from '../../src/validation/rules/api-server/quantity';
import { preStopExceedsGracePeriod } from '../../src/validation/rules/lifecycle/prestop-exceeds-grace-period';
import { bashisms } from '../../src/validation/rules/lifecycle/shell-bashism';

type Key = string | number;
type Path = readonly Key[];

/**
 * JSON texts, parsed: what a manifest can really hold, e.g. `{"__proto__": ...}` as an own key.
 * `shape` values replace every node; the others, strings only code that reads strings can trip
 * on, replace leaves only (an object or a list replaced by any string is just "not an object").
 */
const SHAPES = [
  '{"toString": 1}',
  '{"valueOf": {}}',
  '{"toString": "x", "valueOf": null}',
  '{"__proto__": {"x": 1}}',
  '{"hasOwnProperty": 1}',
  '[]',
  '[{}]',
  '{}',
  'null',
  'true',
  '0',
  '-1',
  '""',
  '"constructor"',
];
const SCALARS = [
  '-0',
  '1e308',
  '1e400',
  '"__proto__"',
  '"toString"',
  // A quantity with a unit named like an Object.prototype member (the "did you mean" table).
  '"1constructor"',
  // A quantity whose exponent no BigInt can hold (a resourceFieldRef divisor is canonicalised).
  '"1e-9999999999"',
];

type Value = readonly [label: string, value: unknown];
const parsed = (text: string): Value => [text, JSON.parse(text)];

const SHAPE_VALUES: readonly Value[] = SHAPES.map(parsed);
const LEAF_VALUES: readonly Value[] = [
  ...SHAPE_VALUES,
  ...SCALARS.map(parsed),
  ['"aaa...a-" (10,000 chars)', `${'a'.repeat(9_999)}-`],
  ['"999...9" (10,000 digits)', '9'.repeat(10_000)],
  // A valid sh script nested 3,000 deep: hook and probe scripts are parsed and walked.
  ['"((( ... sleep 1 ... )))" (3,000 deep)', `${'('.repeat(3_000)}sleep 1${')'.repeat(3_000)}`],
];

/** Key names that are also Object.prototype members. */
const KEY_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

/** Maps with free keys (label, annotation, selector, data and resource keys): their keys are renamed. */
const MAP_FIELDS = new Set(['labels', 'annotations', 'matchLabels', 'selector', 'nodeSelector', 'data', 'stringData', 'limits', 'requests']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every path into a JSON value, the root included. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

/** An own data property, as JSON.parse makes it: assigning `__proto__` would set the prototype instead. */
function define(target: object, key: Key, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of `value` with the node at `path` replaced by `edit(node)`; untouched branches are shared. */
function editAt(value: unknown, path: Path, edit: (node: unknown) => unknown): unknown {
  if (path.length === 0) return edit(value);
  const copy: object = Array.isArray(value) ? [...value] : { ...(value as object) };
  define(copy, path[0], editAt((value as Record<Key, unknown>)[path[0]], path.slice(1), edit));
  return copy;
}

/** The object at `path` with its key `path[last]` renamed to `name`, in the same position. */
function renameAt(value: unknown, path: Path, name: string): unknown {
  const from = path[path.length - 1];
  return editAt(value, path.slice(0, -1), parent => {
    const out = {};
    for (const [k, v] of Object.entries(parent as object)) define(out, k === from ? name : k, v);
    return out;
  });
}

function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, k) => (node as Record<Key, unknown>)[k], value);
}

function show(path: Path): string {
  return path.length === 0 ? '<root>' : path.map(k => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
}

interface Mutation {
  readonly object: unknown;
  /** For failure messages only. */
  describe(): string;
}

/**
 * Paths already mutated, by apiVersion, kind, path and the value of the path's parent: fixtures
 * built from the same helpers share most fields, and a field whose whole parent is the same
 * object has been tried already. In a group that pairs workloads with other objects (a Service,
 * a PodDisruptionBudget), the companions are part of the key: the same Service in front of a
 * Deployment with or without a readiness probe is another case.
 */
const tried = new Set<string>();

/** Each field replaced by each value, and each key of a map renamed to each dangerous name. */
function* mutationsOf(fixture: KubeObject, companions: readonly KubeObject[]): Generator<Mutation> {
  const paired = [fixture, ...companions].some(o => !podSpecOf(o));
  for (const path of pathsOf(fixture)) {
    const parent = path.length === 0 ? undefined : valueAt(fixture, path.slice(0, -1));
    const key = JSON.stringify([fixture.apiVersion, fixture.kind, path, parent, paired ? companions : []]);
    if (tried.has(key)) continue;
    tried.add(key);
    const node = valueAt(fixture, path);
    for (const [label, value] of typeof node === 'object' && node !== null ? SHAPE_VALUES : LEAF_VALUES) {
      yield { object: editAt(fixture, path, () => value), describe: () => `${show(path)} := ${label}` };
    }
    if (path.length < 2 || !MAP_FIELDS.has(String(path[path.length - 2]))) continue;
    for (const name of KEY_NAMES) {
      yield { object: renameAt(fixture, path, name), describe: () => `${show(path)} renamed to ${JSON.stringify(name)}` };
    }
  }
}

/** The rules that read `context.objects` on some fixture: a mutated object can make them crash on its companions. */
const CROSS_OBJECT_RULES = RULES.filter(rule => {
  let read = false;
  for (const r of RULES) {
    for (const group of [r.fixtures.good, r.fixtures.bad]) {
      const context: RuleContext = { get objects() { read = true; return group; }, k8sVersion: '1.28' };
      for (const o of group) rule.check(o, context);
    }
  }
  return read;
});

function message(err: unknown): string {
  return err instanceof Error ? `${err.constructor.name}: ${err.message}` : 'a non-Error';
}

/** Runs every rule on each mutation of each fixture of `owner`; returns what crashed. */
function crashes(owner: Rule): { cases: number; failures: string[] } {
  const failures: string[] = [];
  let cases = 0;
  for (const set of ['good', 'bad'] as const) {
    const group = owner.fixtures[set];
    group.forEach((fixture, i) => {
      for (const mutation of mutationsOf(fixture, group.filter((_o, j) => j !== i))) {
        cases++;
        const fail = (what: string) => failures.push(`${set}[${i}] ${mutation.describe()}: ${what}`);
        // What the engine hands a rule: never null or undefined (it lints those as `{}`).
        const object = (mutation.object ?? {}) as KubeObject;
        const objects = group.map((o, j) => (j === i ? object : o));
        for (const f of lintObjects([object])) {
          if (f.rule === 'internal/rule-crashed') fail(`engine: ${f.message}`);
        }
        const context: RuleContext = { objects, k8sVersion: '1.30' };
        for (const rule of RULES) {
          try {
            rule.check(object, context);
          } catch (err) {
            fail(`${rule.id} threw ${message(err)}`);
          }
        }
        if (objects.length === 1) continue;
        for (const f of lintObjects(objects, { rules: CROSS_OBJECT_RULES })) {
          if (f.rule === 'internal/rule-crashed') fail(`engine, on companion #${f.objectIndex}: ${f.message}`);
        }
        for (const companion of objects) {
          if (companion === object) continue;
          for (const rule of CROSS_OBJECT_RULES) {
            try {
              rule.check(companion, context);
            } catch (err) {
              fail(`${rule.id} threw on a companion: ${message(err)}`);
            }
          }
        }
      }
    });
  }
  return { cases, failures };
}

describe('every rule survives adversarial JSON values in every field of every fixture', () => {
  it('knows which rules look at other objects', () => {
    expect(CROSS_OBJECT_RULES.map(r => r.id)).toEqual(expect.arrayContaining(['lifecycle/service-without-readiness']));
  });

  it.each(RULES.map(r => [r.id, r] as const))('fixtures of %s', (_id, owner) => {
    const { cases, failures } = crashes(owner);
    // The first few in full; the count says how many more.
    expect({ count: failures.length, first: failures.slice(0, 20) }).toEqual({ count: 0, first: [] });
    // Not vacuous: every rule has fixtures of its own shape (their kind, at least, is a new path).
    expect(cases).toBeGreaterThan(SHAPE_VALUES.length);
  });
});

describe('targeted cases', () => {
  it('reads shell scripts nested thousands deep, or quoted within substitutions, without overflowing the stack', () => {
    for (let depth = 500; depth <= 6_000; depth += 500) {
      const scripts = [
        `${'('.repeat(depth)}sleep 1${')'.repeat(depth)}`,
        `${'{ '.repeat(depth)}sleep 1${'; }'.repeat(depth)}`,
        `${'if true; then '.repeat(depth)}[[ -f x ]]${'; fi'.repeat(depth)}`,
        `echo ${'"$('.repeat(depth)}x${')"'.repeat(depth)}`,
      ];
      for (const script of scripts) {
        expect(() => scriptSleepSeconds(script)).not.toThrow();
        expect(() => bashisms(script)).not.toThrow();
      }
    }
    // A nesting real scripts use is still read.
    expect(scriptSleepSeconds(`${'('.repeat(20)}sleep 1${')'.repeat(20)}`)).toBe(1);
  });

  it('reads an elif chain of any length', () => {
    const script = `if false; then true; ${'elif false; then true; '.repeat(20_000)}else sleep 2; fi`;
    expect(scriptSleepSeconds(script)).toBe(2);
  });

  it('canonicalises a quantity with an exponent far below nano precision (ParseQuantity rounds it up)', () => {
    expect(canonicalQuantity('1e-9999999999')).toBe('1e-9');
    expect(canonicalQuantity('-5e-99999')).toBe('-1e-9');
    expect(canonicalQuantity('5e-20')).toBe('1e-9');
    expect(canonicalQuantity('123e-12')).toBe('1e-9');
    expect(canonicalQuantity('1500e-12')).toBe('2e-9');
    expect(canonicalQuantity('0.0000000000001m')).toBe('1n');
  });

  it.each(KEY_NAMES)('looks a container named %j up in the prestop-seconds annotation as an own key', name => {
    const object = preStopExceedsGracePeriod.fixtures.bad[1] as Record<string, any>;
    expect(object.spec.template.metadata.annotations[PRESTOP_SECONDS_ANNOTATION]).toBe('{"app": 40}');
    const named = (annotation: string) => editAt(editAt(object, ['spec', 'template', 'spec', 'containers', 0, 'name'], () => name),
      ['spec', 'template', 'metadata', 'annotations', PRESTOP_SECONDS_ANNOTATION], () => annotation) as KubeObject;
    const check = (o: KubeObject) => preStopExceedsGracePeriod.check(o, { objects: [o], k8sVersion: '1.28' });
    // 40 s declared for this container, under a grace period of 40 s.
    expect(check(named(`{${JSON.stringify(name)}: 40}`))).toHaveLength(1);
    // Declared for another container only: nothing is known about this one.
    expect(check(named('{"app": 40}'))).toEqual([]);
  });

  it('refuses minSeverity values that are Object.prototype members in cdk8s.yaml', () => {
    for (const minSeverity of ['constructor', 'toString', '__proto__']) {
      expect(() => new LifecycleValidationPlugin({ minSeverity } as never)).toThrow(/minSeverity: ".*" is not a severity/);
    }
  });
});
