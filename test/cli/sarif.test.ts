/**
 * SARIF output, validated against the official SARIF 2.1.0 JSON schema (rtm.5, as shipped by
 * Microsoft's @microsoft/jest-sarif; a draft-04 schema, loaded into ajv 8 with `id` renamed to
 * `$id`, the only draft-04 keyword it uses that draft-07 spells differently), plus the parts GitHub
 * code scanning relies on.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { runCli, tempFiles } from './cli-harness';
import { TEST_RULES } from './test-rules';

function sarifValidator() {
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // The schema's language-tag pattern is not valid with the u flag. Formats (uri, date-time) need
  // ajv-formats, which is not installed: the URIs we emit are asserted exactly in the tests below.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false });
  return ajv.compile(schema);
}

const BAD = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx
      ports:
        - containerPort: 0
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`;

let files: ReturnType<typeof tempFiles>;
beforeAll(() => {
  files = tempFiles({ 'k8s/my app.yaml': BAD });
});
afterAll(() => files.cleanup());

const sarif = async (args: string[], stdin?: string) => {
  const r = await runCli(['lint', '--format', 'sarif', ...args], { rules: TEST_RULES, cwd: files.dir, stdin });
  return { ...r, log: JSON.parse(r.stdout) };
};

test('the output is valid SARIF 2.1.0', async () => {
  const validate = sarifValidator();
  const { status, log } = await sarif(['k8s/my app.yaml']);
  expect(status).toBe(1);
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  // The validator is not vacuous: a wrong level is rejected.
  const broken = JSON.parse(JSON.stringify(log));
  broken.runs[0].results[0].level = 'fatal';
  expect(validate(broken)).toBe(false);
});

test('tool.driver.rules come from the rule set, with summary, docs, fix and default level', async () => {
  const { log } = await sarif(['k8s/my app.yaml']);
  const rules = log.runs[0].tool.driver.rules;
  expect(rules.map((r: { id: string }) => r.id)).toEqual([...TEST_RULES.map(r => r.id), 'input/unreadable', 'input/ignore-annotation', 'internal/rule-crashed']);
  expect(rules[0]).toEqual({
    id: 'test/bad-port',
    name: 'BadPort',
    shortDescription: { text: 'Container ports are 1-65535.' },
    fullDescription: { text: 'The API server rejects a containerPort outside 1-65535.' },
    help: {
      text: 'The API server rejects a containerPort outside 1-65535.\n\nFix: use a port between 1 and 65535',
      markdown: 'The API server rejects a containerPort outside 1-65535.\n\n**Fix:** use a port between 1 and 65535',
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['test'] },
  });
  expect(rules.map((r: { defaultConfiguration: { level: string } }) => r.defaultConfiguration.level)).toEqual(['error', 'warning', 'note', 'error', 'warning', 'error']);
});

test('results: ruleId and ruleIndex, level, message, file URI under %SRCROOT% and line', async () => {
  const { log } = await sarif(['k8s/my app.yaml']);
  const run = log.runs[0];
  expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${files.dir}/`);
  const results = run.results;
  // In the text format's order: by file, line and column.
  expect(results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
    ['test/no-readiness', 'warning'],
    ['test/bad-port', 'error'],
    ['test/unknown-kind', 'note'],
  ]);
  for (const r of results) {
    expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'k8s/my%20app.yaml', uriBaseId: '%SRCROOT%' });
  }
  expect(results[1].locations[0].physicalLocation.region).toEqual({ startLine: 10, startColumn: 11 });
  expect(results[2].locations[0].physicalLocation.region.startLine).toBe(12);
  expect(results[1].message.text).toBe('Pod/p spec.containers[0].ports[0].containerPort: must be between 1 and 65535, inclusive (got 0)\nfix: use a port between 1 and 65535');
  // Fingerprints identify an alert by rule, object and field, not by line.
  const fingerprints = results.map((r: { partialFingerprints: Record<string, string> }) => Object.values(r.partialFingerprints)[0]);
  expect(new Set(fingerprints).size).toBe(3);
  const shiftedFiles = tempFiles({ 'k8s/my app.yaml': `# moved down\n\n${BAD}` });
  try {
    const shifted = await runCli(['lint', '--format', 'sarif', 'k8s/my app.yaml'], { rules: TEST_RULES, cwd: shiftedFiles.dir });
    const moved = JSON.parse(shifted.stdout).runs[0].results[1];
    expect(moved.locations[0].physicalLocation.region.startLine).toBe(12);
    expect(moved.partialFingerprints).toEqual(results[1].partialFingerprints);
  } finally {
    shiftedFiles.cleanup();
  }
});

test('files outside the working directory get absolute file URIs; stdin is "stdin"', async () => {
  const outside = tempFiles({ 'x.yaml': BAD });
  try {
    const abs = path.join(outside.dir, 'x.yaml');
    const { log } = await sarif([abs]);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${abs}` });
    const fromStdin = await sarif(['-'], BAD);
    expect(fromStdin.log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'stdin' });
    expect(sarifValidator()(fromStdin.log)).toBe(true);
  } finally {
    outside.cleanup();
  }
});

test('a clean run is valid SARIF with no results', async () => {
  const { status, log } = await sarif(['-'], 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n');
  expect(status).toBe(0);
  expect(log.runs[0].results).toEqual([]);
  expect(sarifValidator()(log)).toBe(true);
});

test('unreadable input: a result at the file and line, a notification of the invocation, still valid SARIF', async () => {
  const broken = tempFiles({ 'dup.yaml': 'apiVersion: v1\nkind: Pod\nkind: Service\n', 'ok.yaml': BAD });
  try {
    const r = await runCli(['lint', '--format', 'sarif', 'dup.yaml', 'missing.yaml', 'ok.yaml'], { rules: TEST_RULES, cwd: broken.dir });
    expect(r.status).toBe(2);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const run = log.runs[0];
    const unreadable = run.results.filter((x: { ruleId: string }) => x.ruleId === 'input/unreadable');
    expect(unreadable.map((x: { locations: Array<{ physicalLocation: unknown }> }) => x.locations[0].physicalLocation)).toEqual([
      { artifactLocation: { uri: 'dup.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 1 } },
      // A path without lines is flagged at line 1: code scanning shows no result without one.
      { artifactLocation: { uri: 'missing.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } },
    ]);
    expect(unreadable[0]).toMatchObject({ level: 'error', message: { text: expect.stringMatching(/^cannot parse YAML: Map keys must be unique\nfix: /) } });
    expect(run.tool.driver.rules[unreadable[0].ruleIndex].id).toBe('input/unreadable');
    // The other file's findings are there too.
    expect(run.results.map((x: { ruleId: string }) => x.ruleId)).toContain('test/bad-port');
    expect(run.invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [
        expect.objectContaining({ level: 'error', message: { text: 'dup.yaml: cannot parse YAML: Map keys must be unique' }, associatedRule: { id: 'input/unreadable' } }),
        expect.objectContaining({ level: 'error', message: { text: 'missing.yaml: cannot read: no such file or directory' } }),
      ],
    }]);
  } finally {
    broken.cleanup();
  }
});

test('a clean run says the execution was successful', async () => {
  const { log } = await sarif(['k8s/my app.yaml']);
  expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
});

test('suppressed findings are results with an inSource suppression and its justification; --omit-suppressed leaves them out', async () => {
  const annotated = BAD.replace('  name: p\n', '  name: p\n  annotations:\n    lifecycle.cdk8s.io/ignore: test/bad-port\n    lifecycle.cdk8s.io/ignore-reason: port 0 is the test\n');
  const { status, log } = await sarif(['-'], annotated);
  expect(status).toBe(0);
  const validate = sarifValidator();
  expect(validate(log) ? [] : validate.errors).toEqual([]);
  const suppressed = log.runs[0].results.filter((x: { suppressions?: unknown }) => x.suppressions);
  expect(suppressed).toHaveLength(1);
  expect(suppressed[0]).toMatchObject({
    ruleId: 'test/bad-port',
    level: 'error',
    suppressions: [{ kind: 'inSource', justification: 'port 0 is the test (lifecycle.cdk8s.io/ignore on Pod/p)' }],
  });
  const omitted = await sarif(['--omit-suppressed', '-'], annotated);
  expect(omitted.log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['test/no-readiness', 'test/unknown-kind']);
});
