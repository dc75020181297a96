/**
 * Rule docs cite sources a user can open: public URLs (Kubernetes source at a release tag,
 * kubernetes.io, standards and vendor docs), never the project's own reference notes
 * (`seeds/…`, `lifecycle-facts.md`), which ship with neither the package nor the repository.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../src/validation/registry';

const ROOT = path.join(__dirname, '..', '..');
const RULES_MD = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');

const PRIVATE_NOTES = /seeds\/|lifecycle-facts/;
/** A URL in prose: up to the punctuation that follows it. */
const URLS = /https?:\/\/[^\s)"`,;]+[^\s)"`,;.]/g;

/** Hosts whose pages and files anyone can open. */
const PUBLIC_HOSTS = ['github.com', 'kubernetes.io', 'pubs.opengroup.org', 'manpages.debian.org', 'docs.spring.io', 'nacos.io'];

function checkUrl(url: string): string | undefined {
  const u = new URL(url);
  if (u.protocol !== 'https:') return `${url}: not https`;
  if (!PUBLIC_HOSTS.includes(u.hostname)) return `${url}: not a known public host`;
  // A source file is cited at a release, so that the line it makes a claim about stays where it was.
  if (u.hostname === 'github.com' && /\/(blob|tree)\//.test(u.pathname) && !/\/(blob|tree)\/v?\d+\.\d+\.\d+\//.test(u.pathname)) {
    return `${url}: not pinned to a release tag`;
  }
  return undefined;
}

describe.each(RULES.map(r => [r.id, r] as const))('%s', (_id, rule) => {
  test('cites no private reference notes', () => {
    expect(rule.docs).not.toMatch(PRIVATE_NOTES);
  });

  test('every URL it cites is public, and source files are pinned to a release', () => {
    expect((rule.docs.match(URLS) ?? []).map(checkUrl).filter(Boolean)).toEqual([]);
  });
});

test('every lifecycle rule links at least one public source', () => {
  const unlinked = RULES.filter(r => r.category === 'lifecycle' && !/https:\/\//.test(r.docs)).map(r => r.id);
  expect(unlinked).toEqual([]);
});

test('docs/rules.md: the short file names the docs use (validation.go, …) are linked, and every URL is public', () => {
  expect(RULES_MD).toContain('"validation.go" is https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/apis/core/validation/validation.go');
  expect(RULES_MD).toContain('"apps validation.go" https://github.com/kubernetes/kubernetes/blob/v1.28.0/pkg/apis/apps/validation/validation.go');
  expect(RULES_MD).not.toMatch(/seed articles/);
  // The fixtures' YAML and quoted values hold URLs of example servers: only the prose cites.
  const prose = RULES_MD.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
  expect((prose.match(URLS) ?? []).map(checkUrl).filter(Boolean)).toEqual([]);
});

test('the README and the docs a user reads cite no private reference notes either', () => {
  const files = ['README.md', 'docs/rules.md', 'docs/nacos.md', 'docs/explain/README.md'];
  const cited = files.filter(f => PRIVATE_NOTES.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
  expect(cited).toEqual([]);
});
