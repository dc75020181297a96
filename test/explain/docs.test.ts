/**
 * The rendered examples in docs/explain/ are what the code renders today. Regenerate them with
 * `UPDATE_EXPLAIN_DOCS=1 npx jest test/explain/docs.test.ts` (the PNGs need rsvg-convert).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { explainConstruct } from '../../src/explain/construct';
import type { Explanation } from '../../src/explain/model';
import { renderJson } from '../../src/explain/render-json';
import { renderSvg } from '../../src/explain/render-svg';
import { renderText } from '../../src/explain/render-text';
import { explainObjects } from '../../src/explain/timeline';
import { GracefulWebService } from '../../src/graceful-web-service';
import { LifecycleHook } from '../../src/hooks/lifecycle-hook';

const DOCS = path.join(__dirname, '..', '..', 'docs', 'explain');
const UPDATE = process.env.UPDATE_EXPLAIN_DOCS === '1';

function fromYaml(file: string): Explanation {
  const docs = parseAllDocuments(fs.readFileSync(path.join(DOCS, file), 'utf8')).map(d => d.toJSON());
  const [e] = explainObjects(docs);
  return e;
}

/** The fortune site done right: GracefulWebService drains 5 s, then `nginx -s quit`. */
function gracefulFortune(): Explanation {
  const app = new App();
  const chart = new Chart(app, 'docs');
  new GracefulWebService(chart, 'fortune', {
    name: 'fortune',
    image: 'registry.example.com/fortune-nginx:1.27',
    port: 8080,
    postStart: LifecycleHook.shell('fortune > /usr/share/nginx/html/quote'),
    preStopCommand: ['nginx', '-s', 'quit'],
    shutdownTimeout: Duration.seconds(10),
    writablePaths: ['/tmp', '/var/cache/nginx', '/usr/share/nginx/html'],
  });
  const [e] = explainConstruct(chart);
  return e;
}

/** A workload of the example app as committed in dist/ (what the README shows). */
function fromDist(file: string, name: string): Explanation {
  const docs = parseAllDocuments(fs.readFileSync(path.join(__dirname, '..', '..', 'dist', file), 'utf8')).map(d => d.toJSON());
  const found = explainObjects(docs).find(e => e.workload.name === name);
  if (!found) throw new Error(`no workload ${name} in dist/${file}`);
  return found;
}

const EXAMPLES: Record<string, () => Explanation> = {
  'fortune-seed': () => fromYaml('fortune-seed.yaml'),
  'example-fortune-site': () => fromDist('fortune-site.k8s.yaml', 'fortune'),
  'example-nacos-admin': () => fromDist('nacos-parking.k8s.yaml', 'jdd-parking-cloud-admin'),
  'fortune-graceful-web-service': gracefulFortune,
  'nacos-app': () => fromYaml('nacos-app.yaml'),
};

describe.each(Object.keys(EXAMPLES))('docs/explain/%s', name => {
  const e = EXAMPLES[name]();
  const outputs: Record<string, string> = {
    [`${name}.txt`]: renderText(e),
    [`${name}.svg`]: renderSvg(e),
    [`${name}.json`]: renderJson([e]),
  };

  if (UPDATE) {
    test('regenerate', () => {
      for (const [file, text] of Object.entries(outputs)) fs.writeFileSync(path.join(DOCS, file), text);
      const png = spawnSync('rsvg-convert', ['-o', path.join(DOCS, `${name}.png`), path.join(DOCS, `${name}.svg`)]);
      expect(png.error ?? png.status).toBe(0);
    });
    return;
  }

  test.each(Object.keys(outputs))('%s is up to date', file => {
    const committed = fs.readFileSync(path.join(DOCS, file), 'utf8');
    if (committed !== outputs[file]) {
      throw new Error(`docs/explain/${file} is stale: regenerate with UPDATE_EXPLAIN_DOCS=1 npx jest test/explain/docs.test.ts`);
    }
  });
});

test('the examples show what they are there to show', () => {
  const seed = EXAMPLES['fortune-seed']();
  expect(seed.verdicts.map(v => v.rule)).toEqual(['traffic-after-stop']);
  expect(seed.verdicts[0].severity).toBe('error');
  expect(EXAMPLES['fortune-graceful-web-service']().verdicts).toEqual([]);
  const nacos = EXAMPLES['nacos-app']();
  expect(nacos.verdicts).toEqual([]);
  expect(nacos.termination.nacos?.lastConsumerCallAt.seconds).toBe(35.5);
});
