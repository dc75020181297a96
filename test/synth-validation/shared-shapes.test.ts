/**
 * The copy synth-time validation lints and cdk8s then writes (shared-shapes.ts): the same JSON to
 * every reader, byte for byte in YAML, with objects alike sharing one hidden class.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import * as plus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { LifecycleValidation } from '../../src/validation/synth-validation';
import { withSharedShapes } from '../../src/validation/shared-shapes';

/** Own keys in order and values, at every level (undefined values and holes included): what the YAML writer reads. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (typeof value !== 'object' || value === null) return value;
  return Object.keys(value).map(k => [k, keyOrder((value as Record<string, unknown>)[k])]);
}

/** JSON as manifests hold it, plus undefined values and keys such as `__proto__` and `constructor`. */
const manifestLike = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', '0', '10')), tie('value')), { maxLength: 5 })
      .map(entries => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        return o;
      }),
  ),
})).value;

describe('withSharedShapes', () => {
  test('copies to the same JSON: equal values, the same keys in the same order, the same YAML, the input untouched', () => {
    fc.assert(fc.property(manifestLike, value => {
      const before = Yaml.stringify(value);
      const order = keyOrder(value);
      const copy = withSharedShapes(value);
      expect(keyOrder(copy)).toStrictEqual(order);
      expect(Yaml.stringify(copy)).toBe(before);
      expect(keyOrder(value)).toStrictEqual(order);
      if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value);
    }), { numRuns: 300 });
  });

  test('an object met twice is copied once, so the YAML writer still writes an alias', () => {
    const labels = { app: 'web' };
    const json = { metadata: { labels, annotations: labels }, items: [labels] };
    const copy = withSharedShapes(json);
    expect(copy.metadata.annotations).toBe(copy.metadata.labels);
    expect(copy.items[0]).toBe(copy.metadata.labels);
    expect(copy.metadata.labels).not.toBe(labels);
    expect(Yaml.stringify(copy)).toBe(Yaml.stringify(json));
    expect(Yaml.stringify(copy)).toContain('*a1');
  });

  test('an own __proto__ key stays a key; the copy keeps Object.prototype', () => {
    const json = JSON.parse('{"b": 1, "__proto__": {"polluted": true}, "a": [1, 2]}');
    const copy = withSharedShapes(json);
    expect(Object.keys(copy)).toEqual(['b', '__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Yaml.stringify(copy)).toBe(Yaml.stringify(json));
  });

  test('copies own keys only, even when Object.prototype has an enumerable property', () => {
    Object.defineProperty(Object.prototype, 'polluted', { value: 'yes', enumerable: true, configurable: true });
    try {
      const copy = withSharedShapes({ a: { b: 1 } });
      expect(Object.keys(copy)).toEqual(['a']);
      expect(Object.keys(copy.a)).toEqual(['b']);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  test('keeps what is not plain JSON as it is: class instances, dates, null-prototype maps; holes stay holes', () => {
    class Port { constructor(readonly n: number) {} }
    const port = new Port(80);
    const date = new Date(0);
    const bare = Object.assign(Object.create(null), { k: 'v' });
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const copy = withSharedShapes({ port, date, bare, sparse });
    expect(copy.port).toBe(port);
    expect(copy.date).toBe(date);
    expect(copy.bare).toBe(bare);
    expect(1 in copy.sparse).toBe(false);
    expect(copy.sparse).toHaveLength(3);
  });

  test('gives alike objects one hidden class, where cdk8s-plus-28\'s serializers give some a class of their own', () => {
    // %HaveSameMap: V8's own answer to "do these two objects share a hidden class".
    v8.setFlagsFromString('--allow-natives-syntax');
    const sameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    /** Paths of the objects at which `a` and `b` (the same JSON) differ in hidden class. */
    const unshared = (a: unknown, b: unknown, at = ''): string[] => {
      if (typeof a !== 'object' || a === null) return [];
      const here = sameShape(a, b as object) ? [] : [at];
      return [...here, ...Object.keys(a).flatMap(k => unshared((a as any)[k], (b as any)[k], `${at}/${k}`))]; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const chart = new Chart(new App(), 'shop');
    const [a, b] = ['a', 'b'].map(id => {
      const d = new plus.Deployment(chart, id, { metadata: { name: 'web' } });
      d.addContainer({ image: 'nginx', portNumber: 80, envVariables: { LOG_LEVEL: plus.EnvValue.fromValue('debug') } });
      const json = ApiObject.of(d).toJson();
      json.spec.selector.matchLabels = json.spec.template.metadata.labels = {};
      return json;
    });
    expect(a).toEqual(b);
    // Which ones varies with what V8 has seen before (here: the tests before this one).
    expect(unshared(a, b).length).toBeGreaterThan(0);
    expect(unshared(withSharedShapes(a), withSharedShapes(b))).toEqual([]);
  });
});

describe('in a synth', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

  /** Writes the same charts with and without validation; returns each file's text. */
  function synthBoth(define: (chart: Chart) => void): [Record<string, string>, Record<string, string>] {
    return [true, false].map(validate => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-shapes-'));
      dirs.push(outdir);
      const app = new App({ outdir });
      if (validate) LifecycleValidation.enable(app, { rules: [] });
      define(new Chart(app, 'shop'));
      app.synth();
      return Object.fromEntries(fs.readdirSync(outdir).sort().map(f => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]));
    }) as [Record<string, string>, Record<string, string>];
  }

  test('the files written are byte for byte those of the same app without validation, aliases included', () => {
    class SharedLabels extends ApiObject {
      public toJson(): any { // eslint-disable-line @typescript-eslint/no-explicit-any
        const labels = { app: 'web' };
        return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', labels, annotations: labels }, data: { k: 'v' } };
      }
    }
    const [validated, plain] = synthBoth(chart => {
      const d = new plus.Deployment(chart, 'web');
      d.addContainer({ image: 'nginx', portNumber: 80 });
      d.exposeViaService();
      new SharedLabels(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    });
    expect(Object.keys(validated)).toEqual(['shop.k8s.yaml']);
    expect(validated).toEqual(plain);
    expect(validated['shop.k8s.yaml']).toContain('*a1');
  });
});
