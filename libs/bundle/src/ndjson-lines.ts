/** One line of an NDJSON stream, numbered from 1 as editors count them. */
export type NdjsonLine =
  | { kind: 'text'; line: number; text: string }
  | { kind: 'too-long'; line: number; bytes: number };

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines without ever holding more than one line (up to `maxLineBytes`)
 * beyond the current chunk in memory. A UTF-8 BOM and CRLF endings are dropped, as files from
 * Windows tools carry them; blank lines are skipped. A line longer than the limit is reported,
 * not buffered. Lines come in arrays, one per chunk read: a million lines cost a thousand awaits,
 * not a million.
 */
export async function* readNdjsonLines(
  source: AsyncIterable<Uint8Array>,
  options: { maxLineBytes?: number; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<NdjsonLine[]> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let overflowBytes = 0; // > 0 while skipping the rest of an over-long line
  let lineNumber = 0;
  let atStart = true;

  const finish = (tail: Uint8Array): NdjsonLine | undefined => {
    lineNumber += 1;
    const total = overflowBytes + pendingBytes + tail.length;
    if (overflowBytes > 0 || total > maxLineBytes + 1) {
      overflowBytes = 0;
      pending = [];
      pendingBytes = 0;
      atStart = false;
      return { kind: 'too-long', line: lineNumber, bytes: total };
    }
    // Most lines sit inside one chunk and are decoded in place, without a copy.
    const bytes = pending.length > 0 ? Buffer.concat([...pending, tail]) : Buffer.from(tail.buffer, tail.byteOffset, tail.length);
    pending = [];
    pendingBytes = 0;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end -= 1;
    let begin = 0;
    if (atStart && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) begin = 3;
    atStart = false;
    const text = bytes.toString('utf8', begin, end);
    return text.trim() === '' ? undefined : { kind: 'text', line: lineNumber, text };
  };

  /** Keeps the unfinished end of a chunk, or only counts it once the line is already too long. */
  const keep = (part: Uint8Array) => {
    if (part.length === 0) return;
    if (overflowBytes > 0 || pendingBytes + part.length > maxLineBytes + 1) {
      overflowBytes += pendingBytes + part.length;
      pending = [];
      pendingBytes = 0;
    } else {
      // Copy: the source may reuse its buffer for the next chunk.
      pending.push(Uint8Array.prototype.slice.call(part));
      pendingBytes += part.length;
    }
  };

  for await (const chunk of source) {
    options.onBytes?.(chunk.length);
    const lines: NdjsonLine[] = [];
    let start = 0;
    for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, start)) {
      const line = finish(chunk.subarray(start, index));
      if (line) lines.push(line);
      start = index + 1;
    }
    keep(chunk.subarray(start));
    if (lines.length > 0) yield lines;
  }
  if (pendingBytes > 0 || overflowBytes > 0) {
    const line = finish(new Uint8Array(0));
    if (line) yield [line];
  }
}
