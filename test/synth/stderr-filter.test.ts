/** What of cdk8s-cli's stderr `cdk8s-lifecycle synth` passes on: everything but cdk8s-cli's own trace. */
import { renameStaging, StderrFilter } from '../../src/synth-cli/cdk8s-cli';

function filter(lines: string[], failed: boolean) {
  const out: string[] = [];
  const f = new StderrFilter(line => out.push(line));
  lines.forEach(l => f.line(l));
  return { out, verdict: f.end(failed) };
}

const CLI_TRACE = [
  'Error: command "node main.js " at /app returned a non-zero exit code 1',
  '    at ChildProcess.<anonymous> (/app/node_modules/cdk8s-cli/lib/util.js:77:27)',
  '    at Object.onceWrapper (node:events:639:26)',
];

test('the app\'s failure: its own output stays, cdk8s-cli\'s error line and trace go, the exit status is reported', () => {
  const { out, verdict } = filter(['cdk8s-lifecycle: synth failed', 'invalid props for shop/web:', ...CLI_TRACE], true);
  expect(out).toEqual(['cdk8s-lifecycle: synth failed', 'invalid props for shop/web:']);
  expect(verdict).toEqual({ appExitStatus: '1', validationFailed: false });
});

test('an app\'s unexpected error keeps its stack: frames followed by more output were the app\'s', () => {
  const appStack = ['TypeError: boom', '    at Object.<anonymous> (/app/main.js:3:1)', '    at Module._compile (node:internal/modules/cjs/loader:1521:14)'];
  const { out, verdict } = filter([...appStack, ...CLI_TRACE], true);
  expect(out).toEqual(appStack);
  expect(verdict.appExitStatus).toBe('1');
});

test('cdk8s-cli\'s own error: the message stays, the frames go', () => {
  const { out, verdict } = filter([
    'Error: Command failed: npm install cdk8s-lifecycle@0.1.0 --no-save --prefix /root/.cdk8s/plugins/cdk8s-lifecycle/0.1.0',
    'npm error 404 Not Found - GET https://registry.npmjs.org/cdk8s-lifecycle - Not found',
    '    at genericNodeError (node:internal/errors:984:15)',
    '    at checkExecSyncError (node:child_process:891:11)',
  ], true);
  expect(out).toEqual([
    'Error: Command failed: npm install cdk8s-lifecycle@0.1.0 --no-save --prefix /root/.cdk8s/plugins/cdk8s-lifecycle/0.1.0',
    'npm error 404 Not Found - GET https://registry.npmjs.org/cdk8s-lifecycle - Not found',
  ]);
  expect(verdict).toEqual({ validationFailed: false });
});

test('a validation failure is recognized; on success nothing is held back', () => {
  expect(filter(['Validation failed. See above reports for details'], true).verdict).toEqual({ validationFailed: true });
  const frames = ['warning: x', '    at somewhere (a.js:1:1)'];
  expect(filter(frames, false).out).toEqual(frames);
});

test('a cdk8s-cli-like line in the middle of the app\'s output is the app\'s', () => {
  const { out, verdict } = filter([CLI_TRACE[0], 'more output'], true);
  expect(out).toEqual([CLI_TRACE[0], 'more output']);
  expect(verdict.appExitStatus).toBeUndefined();
});

test('the staging folder is named as the output folder it becomes', () => {
  expect(renameStaging('  - k8s/.dist.synth-0a1b2c3d4e5f/shop.k8s.yaml', '.dist.synth-0a1b2c3d4e5f', 'dist')).toBe('  - k8s/dist/shop.k8s.yaml');
  expect(renameStaging('Manifest Path: /p/.dist.synth-0a1b2c3d4e5f/a.yaml', '.dist.synth-0a1b2c3d4e5f', 'dist')).toBe('Manifest Path: /p/dist/a.yaml');
});
