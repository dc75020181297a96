import { closestName, editDistance } from '../../../src/validation/rules/structure/closest-name';

test('edit distance counts an adjacent transposition as one edit', () => {
  expect(editDistance('livenesProbe', 'livenessProbe')).toBe(1);
  expect(editDistance('initialDelaySecond', 'initialDelaySeconds')).toBe(1);
  expect(editDistance('imgae', 'image')).toBe(1);
  expect(editDistance('exec', 'sleep')).toBe(4);
  expect(editDistance('', 'abc')).toBe(3);
});

describe('closestName', () => {
  const container = ['name', 'image', 'ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'env', 'envFrom'];
  test.each([
    ['livenesProbe', 'livenessProbe'],
    ['LivenessProbe', 'livenessProbe'],
    ['liveness_probe', 'livenessProbe'],
    ['readinesProbe', 'readinessProbe'],
    ['imgae', 'image'],
    ['port', 'ports'],
  ])('%s → %s', (typo, known) => expect(closestName(typo, container)).toBe(known));

  test('nothing plausible: no suggestion', () => {
    expect(closestName('sleep', ['exec', 'httpGet', 'tcpSocket'])).toBeUndefined();
    expect(closestName('replicas', container)).toBeUndefined();
  });

  test('ties go to the alphabetically first candidate', () => {
    expect(closestName('ab', ['ac', 'aa'])).toBe('aa');
  });
});
