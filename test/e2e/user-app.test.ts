/**
 * The package as a cdk8s team adopts it, end to end, following the README's "Use it in your cdk8s
 * app" section to the letter: `npm pack`; a fresh app in a temporary folder on the oldest versions
 * the README supports (cdk8s-plus-28 2.3, a different minor than this repository's); the README's
 * install command, main.ts, cdk8s.yaml (with the validation plugin from node_modules) and scripts;
 * `tsc` with `cdk8s init`'s tsconfig.json; `cdk8s synth` of the app's own cdk8s-cli; then the
 * documented `npm run synth`, and a props error that must leave dist/ byte-identical and print the
 * problem without a stack trace.
 *
 * Uses the npm registry or cache as `npm ci` does (cdk8s-cli, TypeScript and @types/node at the
 * versions this repository's lockfile installed, so they come from the cache).
 */
import { spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { lintObjects } from '../../src/validation/engine';
import type { KubeObject } from '../../src/validation/rule';
import { cleanupCompiled, compiledPackage, NODE_MODULES, REPO } from '../plugin/compiled-package';
import { STACK_FRAME } from '../synth/project';
import { readUserAppSection } from './readme-section';

jest.setTimeout(600_000);

const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string; version: string; peerDependencies: Record<string, string>;
};
const README = readUserAppSection();

/** The installed (lockfile) version of one of this repository's dependencies. */
const installed = (name: string): string =>
  (JSON.parse(fs.readFileSync(path.join(NODE_MODULES, name, 'package.json'), 'utf8')) as { version: string }).version;

/** The lowest version of a peer range, which the README must list as supported. */
function oldestSupported(name: string): string {
  const range = PKG.peerDependencies[name];
  expect(README.supported[name]).toBe(range);
  expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
  return range.slice(1);
}

// Processes started here must not act on this repository: npm passes its own package's settings
// down to scripts (npm_config_local_prefix, npm_package_*), which the app's npm must not see.
const KEPT_NPM_SETTINGS = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_cafile']);
const ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') || KEPT_NPM_SETTINGS.has(k.toLowerCase()))),
  FORCE_COLOR: '0',
  // cdk8s-cli otherwise asks registry.npmjs.org for a newer cdk8s-cli on every run.
  CDK8S_CHECK_UPGRADE: 'false',
};

let work: string;
let app: string;
const timings: Record<string, number> = {};

function run(step: string, command: string, args: readonly string[], cwd = app, env = ENV): SpawnSyncReturns<string> {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  timings[step] = (timings[step] ?? 0) + Date.now() - started;
  if (result.error) throw result.error;
  return result;
}

function ok(result: SpawnSyncReturns<string>): SpawnSyncReturns<string> {
  if (result.status !== 0) throw new Error(`exit status ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** Every file of the app's dist/, path → bytes. */
function distSnapshot(): Record<string, string> {
  const dist = path.join(app, 'dist');
  return Object.fromEntries(fs.readdirSync(dist).sort().map(f => [f, fs.readFileSync(path.join(dist, f)).toString('base64')]));
}

/**
 * The package folder to pack: this repository when lib/ is built from the current sources (as in
 * `npm test`), else a copy with a freshly compiled lib/ (never rebuilding lib/ under other tests).
 */
function packageFolder(): string {
  const lib = compiledPackage();
  if (lib === path.join(REPO, 'lib')) return REPO;
  const copy = path.join(work, 'package-copy');
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'docs']) fs.cpSync(path.join(REPO, entry), path.join(copy, entry), { recursive: true });
  fs.cpSync(lib, path.join(copy, 'lib'), { recursive: true });
  return copy;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-lifecycle-e2e-'));
  // The README's layout: the clone (where `npm pack` writes the tarball) beside the app.
  const clone = path.join(work, 'cdk8s-lifecycle');
  app = path.join(work, 'my-app');
  fs.mkdirSync(clone);
  fs.mkdirSync(app);
  ok(run('npm pack', 'npm', ['pack', '--ignore-scripts', '--pack-destination', clone], packageFolder()));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  cleanupCompiled();
  process.stdout.write(`user-app e2e timings (ms): ${JSON.stringify(timings)}\n`);
});

test('a fresh app on cdk8s-plus-28 2.3 installs the tarball as the README says, compiles, synthesizes with the plugin, and a props error leaves dist/ as it was', () => {
  // The app: versions at the bottom of the supported ranges; cdk8s-cli and TypeScript as cdk8s init adds them.
  const plus = oldestSupported('cdk8s-plus-28');
  expect(plus.split('.').slice(0, 2)).not.toEqual(installed('cdk8s-plus-28').split('.').slice(0, 2));
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({
    name: 'my-app',
    version: '1.0.0',
    private: true,
    scripts: README.scripts,
    dependencies: { 'cdk8s': oldestSupported('cdk8s'), 'cdk8s-plus-28': plus, 'constructs': oldestSupported('constructs') },
    devDependencies: { 'cdk8s-cli': installed('cdk8s-cli'), 'typescript': installed('typescript'), '@types/node': installed('@types/node') },
  }, null, 2));
  fs.copyFileSync(path.join(NODE_MODULES, 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'), path.join(app, 'tsconfig.json'));
  fs.writeFileSync(path.join(app, 'main.ts'), README.mainTs);
  fs.writeFileSync(path.join(app, 'cdk8s.yaml'), README.cdk8sYaml);

  // Install: the README's command, run from the clone as written (`cd ../my-app && npm install ../cdk8s-lifecycle/<tarball>`).
  const tarball = `${PKG.name}-${PKG.version}.tgz`;
  const install = README.tarballInstall.find(l => l.includes(`npm install ../cdk8s-lifecycle/${tarball}`));
  expect(install).toBeDefined();
  ok(run('npm install', 'sh', ['-c', `${install} --prefer-offline --no-audit --no-fund`], path.join(work, 'cdk8s-lifecycle')));
  // One copy of each peer, the app's: nothing nested under the package.
  for (const peer of Object.keys(PKG.peerDependencies)) {
    expect(fs.existsSync(path.join(app, 'node_modules', PKG.name, 'node_modules', peer))).toBe(false);
  }
  expect(JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'cdk8s-plus-28', 'package.json'), 'utf8')).version).toBe(plus);

  // Compile with cdk8s init's tsconfig.json (strict, no skipLibCheck: our .d.ts are checked too).
  ok(run('tsc', 'npm', ['run', 'build']));

  // cdk8s-cli's own synth with the plugin configured as the README says.
  const cdk8s = ok(run('cdk8s synth', process.execPath, [path.join(app, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth']));
  expect(cdk8s.stdout).toMatch(/Status\s*│ success/);
  expect(cdk8s.stdout).toMatch(/Plugin\s*│ .*my-app\/node_modules\/cdk8s-lifecycle/);
  expect(cdk8s.stdout).toMatch(/rules\s*│ \d+/);
  const synthesized = distSnapshot();
  expect(Object.keys(synthesized)).toEqual(['construct-metadata.json', 'shop.k8s.yaml']);
  const manifest = fs.readFileSync(path.join(app, 'dist', 'shop.k8s.yaml'), 'utf8');
  const objects = parseAllDocuments(manifest).map(d => d.toJS() as KubeObject & Record<string, any>);
  expect(objects.map(o => `${o.kind}/${o.metadata?.name}`)).toEqual(['Deployment/shop', 'Service/shop', 'PodDisruptionBudget/shop']);
  const [deployment, service, pdb] = objects;
  const pod = deployment.spec.template;
  const container = pod.spec.containers[0];
  expect(deployment.spec.replicas).toBe(3);
  expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  expect(pod.spec.terminationGracePeriodSeconds).toBe(35); // drain 5 + preStop command 5 + shutdown 20 + margin 5
  // The drain, then nginx's graceful stop, then a bounded wait for nginx (PID 1) to exit.
  const preStop: string = container.lifecycle.preStop.exec.command.join(' ');
  expect(preStop).toContain('sleep 5\n(exec nginx -s quit) ||');
  expect(preStop).toMatch(/while kill -0 "\$pid"[\s\S]*done prestop 1$/);
  expect(container.ports).toEqual([expect.objectContaining({ containerPort: 8080, name: 'http' })]);
  expect(container.readinessProbe.httpGet).toMatchObject({ path: '/healthz', port: 'http' });
  expect(container.startupProbe.httpGet.path).toBe('/healthz');
  expect(container.livenessProbe.httpGet.path).toBe('/healthz');
  expect(container.env.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['POD_NAME', 'POD_NAMESPACE', 'POD_IP', 'NODE_NAME']));
  expect(container.securityContext).toMatchObject({ runAsUser: 101, runAsGroup: 101, runAsNonRoot: true });
  expect(service.spec.selector).toEqual(pod.metadata.labels);
  expect(pdb.spec.selector.matchLabels).toEqual(pod.metadata.labels);
  expect(lintObjects(objects).filter(f => f.severity === 'error')).toEqual([]);
  // The same main.js against this repository's cdk8s, cdk8s-plus-28 and constructs writes the same bytes.
  expect(manifest).toBe(referenceSynth());

  // The documented synth script gives the same output.
  ok(run('npm run synth', 'npm', ['run', 'synth']));
  expect(distSnapshot()).toEqual(synthesized);

  // A props error: non-zero exit, the construct path, prop and fix, no stack trace, dist/ byte-identical.
  const mainTs = README.mainTs.replace('port: 8080,', 'port: 70000,');
  expect(mainTs).not.toBe(README.mainTs);
  fs.writeFileSync(path.join(app, 'main.ts'), mainTs);
  const failed = run('npm run synth', 'npm', ['run', 'synth']);
  const output = `${failed.stdout}\n${failed.stderr}`;
  expect(failed.status).not.toBe(0);
  expect(output).toContain([
    'invalid props for shop/web:',
    '  - port: 70000 is not a port number',
    '    fix: use an integer between 1 and 65535',
  ].join('\n'));
  expect(output).toContain('cdk8s-lifecycle synth: the app (node main.js) failed with exit status 1; dist/ is unchanged');
  expect(output).not.toMatch(STACK_FRAME);
  expect(output).not.toContain('Node.js v');
  expect(distSnapshot()).toEqual(synthesized);
  expect(fs.readdirSync(app).filter(e => e.includes('.synth-'))).toEqual([]);
});

/** The app's compiled main.js run against this repository's node_modules: the YAML of the current versions. */
function referenceSynth(): string {
  const ref = path.join(work, 'reference');
  fs.mkdirSync(path.join(ref, 'node_modules'), { recursive: true });
  fs.copyFileSync(path.join(app, 'main.js'), path.join(ref, 'main.js'));
  const lib = compiledPackage();
  fs.symlinkSync(lib === path.join(REPO, 'lib') ? REPO : path.join(work, 'package-copy'), path.join(ref, 'node_modules', PKG.name), 'dir');
  ok(run('reference synth', process.execPath, ['main.js'], ref, { ...ENV, NODE_PATH: NODE_MODULES, CDK8S_OUTDIR: path.join(ref, 'dist') }));
  return fs.readFileSync(path.join(ref, 'dist', 'shop.k8s.yaml'), 'utf8');
}
