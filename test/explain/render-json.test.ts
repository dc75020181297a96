import * as fs from 'fs';
import * as path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { renderJson } from '../../src/explain/render-json';
import { explainObjects, explainWorkload } from '../../src/explain/timeline';
import { workload } from './arbitrary';
import { container, deployment } from './fixtures';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'explain', 'explain-output.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function expectValid(json: string): void {
  const ok = validate(JSON.parse(json));
  if (!ok) throw new Error(JSON.stringify(validate.errors, null, 2));
}

describe('JSON output', () => {
  test('matches the documented schema (docs/explain/explain-output.schema.json)', () => {
    expectValid(renderJson([explainWorkload(deployment([container()]))]));
  });

  test('explained from code, a workload has null file and document', () => {
    const out = JSON.parse(renderJson([explainWorkload(deployment([container()]))]));
    expect(out.workloads[0]).toMatchObject({ file: null, document: null });
    const withFile = JSON.parse(renderJson([{ file: 'a.yaml', document: 3, explanation: explainWorkload(deployment([container()])) }]));
    expect(withFile.workloads[0]).toMatchObject({ file: 'a.yaml', document: 3 });
  });

  test('the schema rejects drift: an unknown key fails', () => {
    const out = JSON.parse(renderJson([explainWorkload(deployment([container()]))]));
    out.workloads[0].termination.extra = 1;
    expect(validate(out)).toBe(false);
  });

  test('any workload gives schema-valid JSON with no undefined or NaN', () => {
    fc.assert(fc.property(workload, ({ objects }) => {
      const json = renderJson(explainObjects(objects));
      expect(json).not.toMatch(/NaN|Infinity/);
      expectValid(json);
    }), { numRuns: 100 });
  });
});
