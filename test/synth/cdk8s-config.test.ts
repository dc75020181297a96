/** cdk8s.yaml as `cdk8s-lifecycle synth` reads it: app, output, and validations checked with line, field and fix. */
import { Cdk8sConfigError, parseCdk8sConfig } from '../../src/synth-cli/cdk8s-config';

function problems(text: string): Array<[number | undefined, string, string]> {
  try {
    parseCdk8sConfig(text);
  } catch (err) {
    if (!(err instanceof Cdk8sConfigError)) throw err;
    return err.problems.map(p => [p.line, p.field, p.message]);
  }
  throw new Error('no problem found');
}

test('reads app and output, with cdk8s-cli\'s default output, and the plugin packages', () => {
  expect(parseCdk8sConfig('language: typescript\napp: npx ts-node main.ts\nimports:\n  - k8s\n'))
    .toEqual({ app: 'npx ts-node main.ts', output: 'dist', validationPackages: [] });
  expect(parseCdk8sConfig([
    'app: node main.js',
    'output: k8s',
    'validations:',
    '  - package: ./node_modules/cdk8s-lifecycle',
    '    version: 0.1.0',
    '    class: LifecycleValidationPlugin',
    '    properties: { minSeverity: error }',
  ].join('\n'))).toEqual({ app: 'node main.js', output: 'k8s', validationPackages: ['./node_modules/cdk8s-lifecycle'] });
  expect(parseCdk8sConfig('').output).toBe('dist');
  expect(parseCdk8sConfig('validations: https://example.com/validations.yaml\n').validationPackages).toEqual([]);
});

test('every problem at once, each with its line and field path', () => {
  expect(problems([
    'app: ""',
    'output: [a]',
    'validations:',
    '  - package: ./node_modules/cdk8s-lifecycle',
    '    class: LifecycleValidationPlugin',
    '  - package: cdk8s-lifecycle',
    '    version: 0.1',
    '    properties: [x]',
    '  - just-a-string',
  ].join('\n'))).toEqual([
    [1, 'app', '"" is not a command'],
    [2, 'output', '["a"] is not a folder name'],
    [4, 'validations[0].version', 'is missing: cdk8s-cli requires the exact version of every plugin'],
    [6, 'validations[1].class', 'is missing'],
    [7, 'validations[1].version', '0.1 is a number, not a version string'],
    [8, 'validations[1].properties', 'is a list, not a mapping'],
    [9, 'validations[2]', 'is a string, not a plugin'],
  ]);
});

test('invalid YAML and a file that is not a mapping', () => {
  expect(problems('app: node main.js\n  output: dist\n')).toEqual([[1, '', 'is not valid YAML: Nested mappings are not allowed in compact mappings']]);
  expect(problems('- app\n')).toEqual([[1, '', 'is a list, not a mapping']]);
});
