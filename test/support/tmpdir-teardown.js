/** Jest globalTeardown: removes the run's temporary folder made by tmpdir-setup.js. */
const fs = require('fs');

module.exports = async function teardown() {
  const dir = process.env.CDK8S_LIFECYCLE_TEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
