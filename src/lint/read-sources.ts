/**
 * Turns the command line's FILE arguments into texts: files, directories (every .yaml, .yml and
 * .json file below, in sorted order, like `kubectl apply -f DIR -R`) and `-` for standard input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from './input-error';
import type { SourceText } from './load-objects';

/** How standard input is named in messages and reports. */
export const STDIN_NAME = '<stdin>';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface ReadSources {
  /** Every file that could be read, in argument order (a directory's files sorted). */
  readonly sources: SourceText[];
  /** Every argument or file that could not be read. */
  readonly errors: InputError[];
  /** Every file named or found, readable or not, in argument order: the order reports follow. */
  readonly files: string[];
}

/** Reads every argument; an unreadable one is collected, not fatal, so one run names them all and lints the rest. */
export async function readSources(args: readonly string[], readStdin: () => Promise<string>, cwd: string = process.cwd()): Promise<ReadSources> {
  const sources: SourceText[] = [];
  const errors: InputError[] = [];
  const files: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      sources.push({ file: STDIN_NAME, text: await readStdin() });
      files.push(STDIN_NAME);
      continue;
    }
    let expanded: string[];
    try {
      expanded = expand(arg, cwd);
    } catch (err) {
      errors.push(new InputError(arg, `cannot read: ${describeFsError(err)}`));
      files.push(arg);
      continue;
    }
    if (expanded.length === 0) {
      errors.push(new InputError(arg, 'directory holds no .yaml, .yml or .json file'));
      files.push(arg);
    }
    for (const file of expanded) {
      files.push(file);
      try {
        sources.push({ file, text: fs.readFileSync(path.resolve(cwd, file), 'utf8') });
      } catch (err) {
        // One unreadable file of a directory (permissions, a dangling symlink) costs only that file.
        errors.push(new InputError(file, `cannot read: ${describeFsError(err)}`));
      }
    }
  }
  return { sources, errors, files };
}

/** The files an argument names, as paths relative to what the user typed (so messages quote them back). */
function expand(arg: string, cwd: string): string[] {
  if (!fs.statSync(path.resolve(cwd, arg)).isDirectory()) return [arg];
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = fs.readdirSync(path.resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
    }
  };
  walk(arg);
  return out;
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return e?.message ?? String(err);
  }
}

/** Reads a whole stream as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream | AsyncIterable<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<unknown>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}
