/**
 * `cdk8s-lifecycle synth` as a project's `synth` script runs it: real cdk8s-cli, real app
 * processes. The output folder is replaced only by a successful synth; every failure leaves it
 * byte-identical, prints the problems without stack traces and exits non-zero.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cleanupCompiled, compiledPackage } from '../plugin/compiled-package';
import { packageRequire, project, removeProjects, STACK_FRAME } from './project';

jest.setTimeout(180_000);

afterAll(() => {
  removeProjects();
  cleanupCompiled();
});

const CDK8S_YAML = 'language: typescript\napp: node app.js\noutput: dist\n';

/** An app of one chart `shop` with a GracefulWebService `web` on `port`, ending in a plain `app.synth()`. */
function gwsApp(port: number): string {
  return [
    "const { App, Chart } = require('cdk8s');",
    `const { GracefulWebService } = require(${packageRequire()});`,
    'const app = new App();',
    "const chart = new Chart(app, 'shop');",
    `new GracefulWebService(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27-alpine', port: ${port}, securityContext: { user: 101, group: 101 } });`,
    'app.synth();',
    '',
  ].join('\n');
}

const OLD_DIST = { 'dist/shop.k8s.yaml': 'committed: yes\n', 'dist/old/nested.yaml': 'kept: true\n' };

const stagingFolders = (entries: string[]) => entries.filter(e => e.includes('.synth-'));

test('replaces dist/ with the new manifests, names dist/ (not the staging folder) in what it prints, and leaves no staging folder', () => {
  const p = project({ 'cdk8s.yaml': CDK8S_YAML, 'app.js': gwsApp(8080), ...OLD_DIST });
  const result = p.run('synth');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toBe('Synthesizing application\n  - dist/shop.k8s.yaml\n');
  const dist = p.snapshot()!;
  expect(Object.keys(dist)).toEqual(['shop.k8s.yaml']);
  expect(dist['shop.k8s.yaml']).toContain('kind: Deployment');
  expect(dist['shop.k8s.yaml']).toContain('terminationGracePeriodSeconds: 40');
  expect(stagingFolders(p.entries())).toEqual([]);
});

test('a construct\'s bad props with a plain app.synth(): construct path, prop and fix, no stack, exit 1, dist/ byte-identical', () => {
  const p = project({ 'cdk8s.yaml': CDK8S_YAML, 'app.js': gwsApp(70000), ...OLD_DIST });
  const before = p.snapshot();
  const result = p.run('synth');
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('Synthesizing application\n');
  expect(result.stderr).toBe([
    'cdk8s-lifecycle: synth failed',
    'invalid props for shop/web:',
    '  - port: 70000 is not a port number',
    '    fix: use an integer between 1 and 65535',
    'cdk8s-lifecycle synth: the app (node app.js) failed with exit status 1; dist/ is unchanged',
    '',
  ].join('\n'));
  expect(p.snapshot()).toEqual(before);
  expect(stagingFolders(p.entries())).toEqual([]);
});

test('a validation error at synth: the finding with construct path, field path and fix, no stack, dist/ byte-identical', () => {
  const app = [
    "const { App, Chart, ApiObject } = require('cdk8s');",
    `const { LifecycleValidation } = require(${packageRequire()});`,
    'const app = new App();',
    'LifecycleValidation.enable(app);',
    "new ApiObject(new Chart(app, 'shop'), 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },",
    "  spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 70000 }] }] } });",
    'app.synth();',
    '',
  ].join('\n');
  const p = project({ 'cdk8s.yaml': CDK8S_YAML, 'app.js': app, ...OLD_DIST });
  const before = p.snapshot();
  const result = p.run('synth');
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^cdk8s-lifecycle: synth failed\nValidation failed with the following errors:\n {2}\[cdk8s-lifecycle\] shop\/pod \(Pod p\): spec\.containers\[0\]\.ports\[0\]\.containerPort: .*70000.*\[api-server\/container-port\]\n {4}fix: /m);
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stderr).toMatch(/the app \(node app\.js\) failed with exit status 1; dist\/ is unchanged\n$/);
  expect(p.snapshot()).toEqual(before);
});

test('a validation plugin of cdk8s.yaml runs as under cdk8s synth; its failure keeps dist/ and its report names dist/', () => {
  const yaml = `${CDK8S_YAML}validations:\n  - package: ${compiledPackage()}\n    version: 0.1.0\n    class: LifecycleValidationPlugin\n`;
  const rawApp = (port: number) => [
    "const { App, Chart, ApiObject } = require('cdk8s');",
    'const app = new App();',
    "new ApiObject(new Chart(app, 'shop'), 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },",
    `  spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: ${port} }] }] } });`,
    'app.synth();',
    '',
  ].join('\n');
  const p = project({ 'cdk8s.yaml': yaml, 'app.js': rawApp(70000), ...OLD_DIST });
  const before = p.snapshot();
  const failed = p.run('synth');
  expect(failed.status).toBe(1);
  expect(failed.stdout).toContain('api-server/container-port (1 occurrences)');
  expect(failed.stdout).toContain('- Manifest Path: dist/shop.k8s.yaml');
  expect(failed.stdout).not.toContain('.synth-');
  expect(failed.stderr).toContain('cdk8s-lifecycle synth: validation failed (see the reports above); dist/ is unchanged');
  expect(`${failed.stdout}${failed.stderr}`).not.toMatch(STACK_FRAME);
  expect(p.snapshot()).toEqual(before);

  p.write('app.js', rawApp(8080));
  const passed = p.run('synth');
  expect(passed.status).toBe(0);
  expect(passed.stdout).toMatch(/Status\s*│ success/);
  expect(Object.keys(p.snapshot()!).sort()).toEqual(['construct-metadata.json', 'shop.k8s.yaml']);
  expect(stagingFolders(p.entries())).toEqual([]);
});

test('an unexpected error in the app keeps the app\'s stack (it is a bug) but not cdk8s-cli\'s', () => {
  const app = "require('cdk8s');\nconst config = undefined;\nconsole.log(config.replicas);\n";
  const p = project({ 'cdk8s.yaml': CDK8S_YAML, 'app.js': app, ...OLD_DIST });
  const before = p.snapshot();
  const result = p.run('synth');
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('cdk8s-lifecycle: synth failed with an unexpected error (a bug in the app or a library; the stack says where):\nTypeError: Cannot read properties of undefined (reading \'replicas\')');
  expect(result.stderr).toMatch(/^\s+at .*app\.js:3:\d+/m);
  expect(result.stderr).not.toContain('cdk8s-cli');
  expect(result.stderr).not.toContain('returned a non-zero exit code');
  expect(result.stderr).toMatch(/the app \(node app\.js\) failed with exit status 1; dist\/ is unchanged\n$/);
  expect(p.snapshot()).toEqual(before);
});

test('without a previous output folder a failure writes nothing, and says so', () => {
  const p = project({ 'cdk8s.yaml': 'app: node app.js\noutput: k8s/out\n', 'app.js': gwsApp(0) });
  const result = p.run('synth');
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/failed with exit status 1; nothing was written to k8s\/out\/\n$/);
  expect(p.snapshot('k8s/out')).toBeUndefined();
  expect(stagingFolders(p.entries())).toEqual([]);
});

test('--app and --output override cdk8s.yaml; other options go to cdk8s synth', () => {
  const yaml = `app: node missing.js\nvalidations:\n  - package: ${compiledPackage()}\n    version: 0.1.0\n    class: LifecycleValidationPlugin\n`;
  const p = project({ 'cdk8s.yaml': yaml, 'main.js': gwsApp(8080) });
  const result = p.run('synth', '--app', 'node main.js', '-o', 'manifests', '--validation-reports-output-file', 'report.json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(Object.keys(p.snapshot('manifests')!).sort()).toEqual(['construct-metadata.json', 'shop.k8s.yaml']);
  expect(p.entries()).not.toContain('dist');
  expect(JSON.parse(p.read('report.json'))).toMatchObject({ reports: [{ summary: { status: 'success' } }] });
});

test('a kill stops cdk8s-cli and the app, removes the staging folder and leaves dist/ as it was', async () => {
  // The app writes its pid once its output folder exists, then hangs.
  const app = "const fs = require('fs');\nfs.mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });\n"
    + "fs.writeFileSync('app.pid', String(process.pid));\nsetInterval(() => undefined, 1000);\n";
  const p = project({ 'cdk8s.yaml': CDK8S_YAML, 'app.js': app, ...OLD_DIST });
  const before = p.snapshot();
  const child = p.start('synth');
  const appPid = await waitFor(() => (fs.existsSync(path.join(p.dir, 'app.pid')) ? Number(p.read('app.pid')) : undefined));
  expect(stagingFolders(p.entries())).toHaveLength(1);
  child.process.kill('SIGTERM');
  const { status, stderr } = await child.done;
  expect(status).toBe(143);
  expect(stderr).toContain('cdk8s-lifecycle synth: interrupted (SIGTERM); dist/ is unchanged');
  expect(stagingFolders(p.entries())).toEqual([]);
  expect(p.snapshot()).toEqual(before);
  expect(await waitFor(() => (isRunning(appPid) ? undefined : true))).toBe(true);
});

test('a process the app leaves behind, holding the output open, does not keep the synth waiting', () => {
  // A daemon in its own process group with the app's stderr: it outlives the app and the synth.
  const app = [
    "const { spawn } = require('child_process');",
    "const daemon = spawn('sleep', ['600'], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });",
    "require('fs').writeFileSync('daemon.pid', String(daemon.pid));",
    'daemon.unref();',
    gwsApp(8080),
  ].join('\n');
  const p = project({ 'cdk8s.yaml': CDK8S_YAML, 'app.js': app });
  try {
    const result = p.run('synth');
    expect(result.error).toBeUndefined(); // not ETIMEDOUT
    expect(result.status).toBe(0);
    expect(Object.keys(p.snapshot()!)).toEqual(['shop.k8s.yaml']);
  } finally {
    process.kill(Number(p.read('daemon.pid')), 'SIGKILL');
  }
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 100));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('usage and configuration errors: exit 2, file, line, field and fix, nothing run', () => {
  test('cdk8s.yaml with a version range and a non-string app', () => {
    const p = project({
      'cdk8s.yaml': 'app: 42\nvalidations:\n  - package: ./node_modules/cdk8s-lifecycle\n    version: ^0.1.0\n    class: LifecycleValidationPlugin\n',
      ...OLD_DIST,
    });
    const before = p.snapshot();
    const result = p.run('synth');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe([
      'cdk8s-lifecycle synth: cdk8s.yaml: 2 problems',
      '  cdk8s.yaml:1: app: 42 is not a command',
      '    fix: write the command that runs your app, e.g. app: node main.js',
      '  cdk8s.yaml:4: validations[0].version: "^0.1.0" is not an exact version: cdk8s-cli loads one pinned version and refuses ranges',
      '    fix: write the exact version as a string, e.g. version: "0.1.0" (for a local path, the version of the package there)',
      '',
    ].join('\n'));
    expect(p.snapshot()).toEqual(before);
  });

  test('no cdk8s.yaml', () => {
    const p = project({});
    const result = p.run('synth');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe([
      'cdk8s-lifecycle synth: cdk8s.yaml: a problem',
      `  not found in ${p.dir}`,
      '    fix: run the command in the folder of your cdk8s app (where `cdk8s synth` runs), which holds cdk8s.yaml',
      '',
    ].join('\n'));
  });

  test('an output folder that is the project or holds it', () => {
    for (const output of ['.', '..']) {
      const p = project({ 'cdk8s.yaml': `app: node app.js\noutput: "${output}"\n`, 'app.js': gwsApp(8080) });
      const result = p.run('synth');
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`cdk8s-lifecycle synth: output "${output}" is the project folder or contains it\n    fix: name a folder inside the project for the manifests, e.g. output: dist\n`);
      expect(p.entries()).toEqual(['app.js', 'cdk8s.yaml', 'node_modules']);
    }
  });

  test('--stdout', () => {
    const p = project({ 'cdk8s.yaml': CDK8S_YAML, 'app.js': gwsApp(8080) });
    const result = p.run('synth', '--stdout');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--stdout is not supported: cdk8s-lifecycle synth writes the output folder; use `cdk8s synth --stdout` to print the manifests');
    expect(p.snapshot()).toBeUndefined();
  });
});
