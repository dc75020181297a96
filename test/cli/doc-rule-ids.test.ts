/**
 * Every rule id the README, the docs and the source comments mention is a real one (a registry
 * rule or one of the engine's), so no example sends a user to `--disable` or an ignore
 * annotation with an id that does nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ENGINE_RULES } from '../../src/validation/engine-rules';
import { RULES } from '../../src/validation/registry';

const REPO = path.resolve(__dirname, '..', '..');
const KNOWN = new Set([...RULES, ...ENGINE_RULES].map(r => r.id));

/** `category/kebab-name`, not part of a path (`rules/lifecycle/x.ts`) or a longer word. */
const RULE_ID = /(?<![\w./-])(?:lifecycle|api-server|structure|input|internal)\/[a-z0-9]+(?:-[a-z0-9]+)*(?![\w./-])/g;

function files(dir: string, extensions: readonly string[]): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full, extensions);
    return extensions.some(e => entry.name.endsWith(e)) ? [full] : [];
  });
}

/**
 * The ids a text mentions. The one deliberate wrong id is in the flagged example of
 * `input/ignore-annotation` (which shows what a typo gets): its section of docs/rules.md and the
 * `flagged:` text it is generated from are left out.
 */
function mentionedIds(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
    .replace(/### `input\/ignore-annotation`[\s\S]*?(?=\n### )/, '')
    .replace(/^\s*flagged: .*$/gm, '');
  return [...text.matchAll(RULE_ID)].map(m => m[0]);
}

const DOCS = [path.join(REPO, 'README.md'), ...files(path.join(REPO, 'docs'), ['.md'])];
const SOURCES = files(path.join(REPO, 'src'), ['.ts']);

test.each(DOCS.map(f => [path.relative(REPO, f), f]))('%s names only real rule ids', (_, file) => {
  expect(mentionedIds(file).filter(id => !KNOWN.has(id))).toEqual([]);
});

test('source comments and messages name only real rule ids', () => {
  const unknown = SOURCES.flatMap(file => mentionedIds(file).filter(id => !KNOWN.has(id)).map(id => `${path.relative(REPO, file)}: ${id}`));
  expect(unknown).toEqual([]);
});

test('the check is not vacuous: it finds the ids of the README, and a wrong one', () => {
  expect(mentionedIds(path.join(REPO, 'README.md')).length).toBeGreaterThan(2);
  const probe = path.join(REPO, 'test', 'cli', 'doc-rule-ids.test.ts');
  expect(fs.readFileSync(probe, 'utf8').match(RULE_ID)).toContain('lifecycle/liveness-equals-readiness');
  expect([...'see lifecycle/liveness-equal-readiness and src/validation/rules/lifecycle/tcp-socket-hook.ts'.matchAll(RULE_ID)].map(m => m[0]))
    .toEqual(['lifecycle/liveness-equal-readiness']);
});
