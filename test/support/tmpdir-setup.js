/**
 * Jest globalSetup: every test run gets its own temporary folder (TMPDIR, so `os.tmpdir()` in the
 * tests, in cdk8s's `Testing.app()` and in the processes they start), removed by the teardown.
 * cdk8s's `Testing.app()` alone leaves a `cdk8s.outdir.*` folder per app otherwise.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-test-'));
  process.env.CDK8S_LIFECYCLE_TEST_TMPDIR = dir;
  // Set before jest starts its workers, which inherit it.
  process.env.TMPDIR = dir;
};
