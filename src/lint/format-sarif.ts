/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, the rules
 * of the registry and the engine's own (`input/unreadable`, ...) as `tool.driver.rules`, one
 * result per finding with its file and line.
 *
 * Unreadable input is a result of `input/unreadable` at the file and line (code scanning shows
 * only results, and only with a location: line 1 for a file that has no lines), and also a
 * `toolExecutionNotifications` entry of the invocation, whose `executionSuccessful` is then false.
 *
 * Suppressed findings are results with `suppressions: [{kind: "inSource", justification}]`, as
 * the SARIF spec has it. GitHub code scanning does not read `suppressions` (it is not in its
 * supported subset) and opens alerts for them: `--omit-suppressed` leaves them out.
 *
 * File URIs are relative to the working directory (under `%SRCROOT%`, which is what code
 * scanning resolves against the repository root) when the file lies below it; absolute
 * `file://` URIs otherwise.
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ENGINE_RULES, INPUT_UNREADABLE, type RuleDescriptor } from '../validation/engine-rules';
import type { Severity } from '../validation/finding';
import type { Rule } from '../validation/rule';
import { objectName } from './format-text';
import type { LintReport, LocatedFinding, LocatedSuppressedFinding } from './lint-sources';
import { packageVersion } from './package-version';
import { STDIN_NAME } from './read-sources';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** Files are reported relative to this directory. @default process.cwd() */
  readonly cwd?: string;
  /** Leave suppressed findings out (GitHub code scanning would open alerts for them). @default false */
  readonly omitSuppressed?: boolean;
}

export function formatSarif(report: LintReport, rules: readonly Rule[], options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, rules, options), null, 2)}\n`;
}

export function buildSarif(report: LintReport, rules: readonly Rule[], options: SarifOptions = {}): Record<string, unknown> {
  const cwd = options.cwd ?? process.cwd();
  const descriptors: RuleDescriptor[] = [...rules, ...ENGINE_RULES.filter(e => !rules.some(r => r.id === e.id))];
  const suppressed = options.omitSuppressed ? [] : report.suppressed;
  // A finding of a rule outside the list still needs a descriptor for its ruleIndex.
  for (const f of [...report.findings, ...suppressed]) {
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
      invocations: [invocation(report.findings.filter(f => f.rule === INPUT_UNREADABLE), cwd)],
      results: [
        ...report.findings.map(f => result(f, index, cwd)),
        ...suppressed.map(f => ({ ...result(f, index, cwd), suppressions: [suppression(f)] })),
      ],
    }],
  };
}

function result(f: LocatedFinding, index: ReadonlyMap<string, number>, cwd: string): Record<string, unknown> {
  const about = f.objectIndex < 0 ? '' : `${objectName(f)}${f.path ? ` ${f.path}` : ''}: `;
  return {
    ruleId: f.rule,
    ruleIndex: index.get(f.rule),
    level: LEVEL[f.severity],
    message: { text: `${about}${f.message}\nfix: ${f.fix}` },
    locations: [location(f, cwd)],
    partialFingerprints: { 'cdk8sLifecycleFinding/v1': fingerprint(f) },
  };
}

function location(f: LocatedFinding, cwd: string): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(f.file, cwd),
      // Code scanning needs a line to show a result: a file that has none is flagged at line 1.
      region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
    },
    ...(f.objectIndex < 0 ? {} : {
      logicalLocations: [{
        name: f.path || objectName(f),
        fullyQualifiedName: `${objectName(f)}${f.path ? ` ${f.path}` : ''}`,
        kind: f.path ? 'property' : 'object',
      }],
    }),
  };
}

function suppression(f: LocatedSuppressedFinding): Record<string, unknown> {
  const annotation = `${f.suppression.annotation} on ${objectName(f)}`;
  return { kind: 'inSource', justification: f.suppression.reason ? `${f.suppression.reason} (${annotation})` : annotation };
}

/** The run is incomplete when an input could not be read: each is a notification of the invocation. */
function invocation(unreadable: readonly LocatedFinding[], cwd: string): Record<string, unknown> {
  return {
    executionSuccessful: unreadable.length === 0,
    ...(unreadable.length === 0 ? {} : {
      toolExecutionNotifications: unreadable.map(f => ({
        level: 'error',
        message: { text: `${f.file}: ${f.message}` },
        locations: [location(f, cwd)],
        associatedRule: { id: f.rule },
      })),
    }),
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
  // An unreadable input has no object: the document stands in for it.
  const key = (f.objectIndex < 0 ? [f.rule, f.file, String(f.document ?? '')] : [f.rule, f.file, f.kind ?? '', f.namespace ?? '', f.name ?? '', f.path]).join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
