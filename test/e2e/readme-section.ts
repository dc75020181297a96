/**
 * The README's "Use it in your cdk8s app" section, read the way the end-to-end test follows it:
 * its code blocks (each named by its first line, `// main.ts`, `# cdk8s.yaml`, or by what it holds)
 * and its table of supported versions.
 */
import * as fs from 'fs';
import * as path from 'path';

export const README = path.resolve(__dirname, '..', '..', 'README.md');
export const SECTION_TITLE = 'Use it in your cdk8s app';

export interface UserAppSection {
  /** main.ts as shown (its first line, `// main.ts`, included). */
  readonly mainTs: string;
  /** cdk8s.yaml as shown. */
  readonly cdk8sYaml: string;
  /** The `scripts` of the package.json block. */
  readonly scripts: Record<string, string>;
  /** The commands of the tarball install block, one a line, comments removed. */
  readonly tarballInstall: readonly string[];
  /** Supported range per package of the versions table (`^2.3.4`). */
  readonly supported: Readonly<Record<string, string>>;
}

interface CodeBlock {
  readonly lang: string;
  readonly text: string;
}

export function readUserAppSection(readme = fs.readFileSync(README, 'utf8')): UserAppSection {
  const start = readme.indexOf(`\n## ${SECTION_TITLE}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${SECTION_TITLE}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);

  const blocks: CodeBlock[] = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(m => ({ lang: m[1], text: m[2] }));
  const only = (what: string, test: (b: CodeBlock) => boolean): CodeBlock => {
    const found = blocks.filter(test);
    if (found.length !== 1) throw new Error(`README "${SECTION_TITLE}": expected one ${what} block, found ${found.length}`);
    return found[0];
  };
  const mainTs = only('main.ts', b => b.lang === 'ts' && b.text.startsWith('// main.ts\n')).text;
  const cdk8sYaml = only('cdk8s.yaml', b => b.lang === 'yaml' && b.text.startsWith('# cdk8s.yaml\n')).text;
  const scripts = (JSON.parse(only('package.json scripts', b => b.lang === 'json' && b.text.includes('"scripts"')).text) as { scripts: Record<string, string> }).scripts;
  const tarballInstall = only('tarball install', b => b.lang === 'sh' && b.text.includes('npm pack')).text
    .split('\n').map(l => l.replace(/\s+#.*$/, '').trim()).filter(l => l !== '');

  const supported: Record<string, string> = {};
  for (const m of section.matchAll(/^\| ([\w.-]+) \| `([^`]+)` \|/gm)) supported[m[1]] = m[2];
  return { mainTs, cdk8sYaml, scripts, tarballInstall, supported };
}
