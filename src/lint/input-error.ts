/** Input the linter cannot read: a missing file, bad YAML, a document that is not an object. */

/** A 1-based line and column in a file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export class InputError extends Error {
  constructor(
    /** The file as the user named it (`<stdin>` for standard input). */
    public readonly file: string,
    /** What is wrong, without the location. */
    public readonly reason: string,
    public readonly position?: Position,
    /** The offending source line, shown under the message with a caret. */
    public readonly sourceLine?: string,
    /** 1-based index of the YAML document that could not be read, when one could. */
    public readonly document?: number,
  ) {
    super(formatInputError(file, reason, position, sourceLine));
    this.name = 'InputError';
  }
}

function formatInputError(file: string, reason: string, position?: Position, sourceLine?: string): string {
  const where = position ? `${file}:${position.line}:${position.column}` : file;
  const head = `${where}: ${reason}`;
  if (sourceLine === undefined || position === undefined) return head;
  // Tabs are kept so the caret lines up under the offending character in a terminal.
  const pad = sourceLine.slice(0, position.column - 1).replace(/[^\t]/g, ' ');
  return `${head}\n    ${sourceLine}\n    ${pad}^`;
}
