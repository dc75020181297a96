/**
 * The test run's own hygiene: temporary files go to one folder per run (removed after it, by
 * test/support/tmpdir-teardown.js), and tests that need ../shared say why they are skipped.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { describeWithShared } from '../support/shared';

test('temporary folders, cdk8s Testing.app()\'s outdir among them, are made in the run\'s own folder', () => {
  const runDir = process.env.CDK8S_LIFECYCLE_TEST_TMPDIR;
  expect(runDir).toBeDefined();
  expect(path.basename(runDir!)).toMatch(/^cdk8s-lifecycle-test-/);
  expect(os.tmpdir()).toBe(runDir);
  const app = Testing.app();
  expect(path.dirname(app.outdir)).toBe(runDir);
  expect(fs.existsSync(app.outdir)).toBe(true);
});

describe('a test that needs ../shared', () => {
  const warnings: string[] = [];
  const spy = jest.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
  let ran = false;
  describeWithShared('no-such-folder/data.json', 'compares against shared data', () => {
    test('never runs without the file', () => {
      ran = true;
    });
  });
  spy.mockRestore();

  test('is skipped, with a warning that names the missing file', () => {
    expect(ran).toBe(false);
    expect(warnings).toEqual([
      expect.stringMatching(/^skipping "compares against shared data": it needs \/.*\/shared\/no-such-folder\/data\.json, the project's shared reference folder beside the repository, which is absent$/),
    ]);
  });
});
