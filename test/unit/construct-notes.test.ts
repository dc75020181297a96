/** Construct notes: prop warnings and construct fixes, as synth-time validation reads them. */
import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { addConstructFix, addPropWarning, constructFixOf, propWarningsIn } from '../../src/construct-notes';

test('a construct fix applies to its rule, and with `under` only at that field path or below', () => {
  const object = new Construct(Testing.chart(), 'obj');
  addConstructFix(object, 'r/one', 'fix one', 'spec.a');
  addConstructFix(object, 'r/two', 'fix two');
  expect(constructFixOf(object, 'r/one', 'spec.a')).toBe('fix one');
  expect(constructFixOf(object, 'r/one', 'spec.a.b[0]')).toBe('fix one');
  expect(constructFixOf(object, 'r/one', 'spec.ab')).toBeUndefined();
  expect(constructFixOf(object, 'r/one', 'spec')).toBeUndefined();
  expect(constructFixOf(object, 'r/two', 'anything')).toBe('fix two');
  expect(constructFixOf(object, 'r/three', 'spec.a')).toBeUndefined();
});

test('prop warnings are found on every construct given, in order', () => {
  const chart = Testing.chart();
  const a = new Construct(chart, 'a');
  const b = new Construct(a, 'b');
  addPropWarning(b, { prop: 'y', message: 'm2', fix: 'f2' });
  addPropWarning(a, { prop: 'x', message: 'm1', fix: 'f1' });
  expect(propWarningsIn(chart.node.findAll()).map(w => [w.scope.node.path, w.warning.prop])).toEqual([['test/a', 'x'], ['test/a/b', 'y']]);
});
