/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, the rules
 * of the registry as `tool.driver.rules`, one result per finding with its file and line.
 *
 * File URIs are relative to the working directory (under `%SRCROOT%`, which is what code
 * scanning resolves against the repository root) when the file lies below it; absolute
 * `file://` URIs otherwise.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Severity } from '../validation/finding';
import type { Rule } from '../validation/rule';
import { objectName } from './format-text';
import type { LintReport, LocatedFinding } from './lint-sources';
import { packageVersion } from './package-version';
import { STDIN_NAME } from './read-sources';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

/** Findings the engine makes itself, not a rule of the registry. */
const ENGINE_RULES: readonly Pick<Rule, 'id' | 'severity' | 'summary' | 'docs' | 'fix'>[] = [{
  id: 'internal/rule-crashed',
  severity: 'error',
  summary: 'A rule could not check an object.',
  docs: 'A rule threw while reading an object, usually because a field has a shape the rule did not expect. The object is reported instead of crashing the linter.',
  fix: 'This is a bug in cdk8s-lifecycle; please report it with the object.',
}];

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** Files are reported relative to this directory. @default process.cwd() */
  readonly cwd?: string;
}

export function formatSarif(report: LintReport, rules: readonly Rule[], options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, rules, options), null, 2)}\n`;
}

export function buildSarif(report: LintReport, rules: readonly Rule[], options: SarifOptions = {}): Record<string, unknown> {
  const cwd = options.cwd ?? process.cwd();
  const descriptors = [...rules, ...ENGINE_RULES.filter(e => !rules.some(r => r.id === e.id))];
  // A finding of a rule outside the list still needs a descriptor for its ruleIndex.
  for (const f of report.findings) {
    if (!descriptors.some(d => d.id === f.rule)) {
      descriptors.push({ id: f.rule, severity: f.severity, summary: f.rule, docs: f.rule, fix: f.fix });
    }
  }
  const index = new Map(descriptors.map((d, i) => [d.id, i]));

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-lifecycle',
          semanticVersion: packageVersion(),
          rules: descriptors.map(d => ({
            id: d.id,
            name: ruleName(d.id),
            shortDescription: { text: d.summary },
            fullDescription: { text: d.docs },
            help: { text: `${d.docs}\n\nFix: ${d.fix}`, markdown: `${d.docs}\n\n**Fix:** ${d.fix}` },
            defaultConfiguration: { level: LEVEL[d.severity] },
            properties: { tags: [d.id.split('/')[0]] },
          })),
        },
      },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd + path.sep).href } },
      columnKind: 'utf16CodeUnits',
      results: report.findings.map(f => ({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule),
        level: LEVEL[f.severity],
        message: { text: `${objectName(f)}${f.path ? ` ${f.path}` : ''}: ${f.message}\nfix: ${f.fix}` },
        locations: [{
          physicalLocation: {
            artifactLocation: artifactLocation(f.file, cwd),
            region: { startLine: f.line, startColumn: f.column },
          },
          logicalLocations: [{
            name: f.path || objectName(f),
            fullyQualifiedName: `${objectName(f)}${f.path ? ` ${f.path}` : ''}`,
            kind: f.path ? 'property' : 'object',
          }],
        }],
        partialFingerprints: { 'cdk8sLifecycleFinding/v1': fingerprint(f) },
      })),
    }],
  };
}

/** PascalCase of the id's last part: `lifecycle/tcp-socket-hook` → `TcpSocketHook`. */
function ruleName(id: string): string {
  const last = id.split('/').pop() ?? id;
  return last.split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w[0].toUpperCase() + w.slice(1)).join('');
}

function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (file === STDIN_NAME) return { uri: 'stdin' };
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) {
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(absolute).href };
}

/** Stable across line moves: the same rule on the same field of the same object is the same alert. */
function fingerprint(f: LocatedFinding): string {
  const key = [f.rule, f.file, f.kind ?? '', f.namespace ?? '', f.name ?? '', f.path].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
