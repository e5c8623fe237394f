/** One line of an NDJSON stream, numbered from 1 as editors count them. */
export type NdjsonLine =
  | { kind: 'text'; line: number; text: string }
  | { kind: 'too-long'; line: number; bytes: number };

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The lines of one input chunk, still as bytes: packed back to back in a buffer of their own, so
 * the batch can be moved to a worker thread and decoded there (decodeNdjsonLines). Line `i` is
 * `bytes[starts[i], ends[i])`, BOM and CR already cut off; `tooLong[i] > 0` marks a line over the
 * limit (its byte count; its bytes are not kept). Lines of ASCII blanks are already left out.
 */
export interface NdjsonLineBatch {
  count: number;
  bytes: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
  numbers: Float64Array;
  tooLong: Float64Array;
}

const isAsciiBlank = (byte: number) => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);

/**
 * Splits a byte stream into lines without ever holding more than one line (up to `maxLineBytes`)
 * beyond the current chunk in memory. A UTF-8 BOM and CRLF endings are dropped, as files from
 * Windows tools carry them; blank lines are skipped (those of other Unicode blanks by
 * decodeNdjsonLines). A line longer than the limit is reported, not buffered. Lines come in
 * batches, one per chunk read: a million lines cost a thousand awaits, not a million.
 */
export async function* readNdjsonLineBatches(
  source: AsyncIterable<Uint8Array>,
  options: { maxLineBytes?: number; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<NdjsonLineBatch> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let overflowBytes = 0; // > 0 while skipping the rest of an over-long line
  let lineNumber = 0;
  let atStart = true;

  /** Line boundaries of one batch, as offsets into its packed bytes (see pack). */
  let starts: number[] = [];
  let ends: number[] = [];
  let numbers: number[] = [];
  let tooLong: number[] = [];

  /** Records the line ending at `end` of the packed bytes; `begin` is where it starts there. */
  const finish = (packed: Uint8Array, begin: number, end: number, total: number) => {
    lineNumber += 1;
    const over = overflowBytes > 0 || total > maxLineBytes + 1;
    overflowBytes = 0;
    if (over) {
      atStart = false;
      starts.push(begin);
      ends.push(begin);
      numbers.push(lineNumber);
      tooLong.push(total);
      return;
    }
    if (end > begin && packed[end - 1] === CARRIAGE_RETURN) end -= 1;
    if (atStart && end - begin >= 3 && packed[begin] === 0xef && packed[begin + 1] === 0xbb && packed[begin + 2] === 0xbf) begin += 3;
    atStart = false;
    let first = begin;
    while (first < end && isAsciiBlank(packed[first]!)) first += 1;
    if (first === end) return; // blank
    starts.push(begin);
    ends.push(end);
    numbers.push(lineNumber);
    tooLong.push(0);
  };

  const take = (packed: Uint8Array): NdjsonLineBatch | undefined => {
    const batch = starts.length === 0 ? undefined : {
      count: starts.length, bytes: packed, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends),
      numbers: Float64Array.from(numbers), tooLong: Float64Array.from(tooLong),
    };
    starts = [];
    ends = [];
    numbers = [];
    tooLong = [];
    return batch;
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
    const last = chunk.lastIndexOf(NEWLINE);
    if (last === -1) {
      keep(chunk);
      continue;
    }
    // One copy of the chunk's complete lines, after the unfinished line the last chunk left.
    const packed = new Uint8Array(pendingBytes + last);
    let offset = 0;
    for (const part of pending) {
      packed.set(part, offset);
      offset += part.length;
    }
    packed.set(chunk.subarray(0, last), offset);
    const carried = pendingBytes + overflowBytes;
    pending = [];
    pendingBytes = 0;
    let begin = 0;
    let start = 0; // in the chunk
    for (let index = chunk.indexOf(NEWLINE); index !== -1 && index <= last; index = chunk.indexOf(NEWLINE, start)) {
      const end = offset + index;
      finish(packed, begin, end, (start === 0 ? carried : 0) + index - start);
      begin = end + 1;
      start = index + 1;
    }
    keep(chunk.subarray(last + 1));
    const batch = take(packed);
    if (batch) yield batch;
  }
  if (pendingBytes > 0 || overflowBytes > 0) {
    const packed = new Uint8Array(pendingBytes);
    let offset = 0;
    for (const part of pending) {
      packed.set(part, offset);
      offset += part.length;
    }
    finish(packed, 0, pendingBytes, overflowBytes + pendingBytes);
    const batch = take(packed);
    if (batch) yield batch;
  }
}

/** A batch's lines as text; lines of Unicode blanks are skipped here. */
export function decodeNdjsonLines(batch: NdjsonLineBatch): NdjsonLine[] {
  const buffer = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.length);
  const lines: NdjsonLine[] = [];
  for (let index = 0; index < batch.count; index++) {
    const line = batch.numbers[index]!;
    if (batch.tooLong[index]! > 0) {
      lines.push({ kind: 'too-long', line, bytes: batch.tooLong[index]! });
      continue;
    }
    const text = buffer.toString('utf8', batch.starts[index], batch.ends[index]);
    if (text.trim() === '') continue;
    lines.push({ kind: 'text', line, text });
  }
  return lines;
}

/** The buffers of a batch, to move it to another thread rather than copy it. */
export function transferablesOfBatch(batch: NdjsonLineBatch): ArrayBuffer[] {
  return [batch.bytes, batch.starts, batch.ends, batch.numbers, batch.tooLong].map((array) => array.buffer as ArrayBuffer);
}

/** readNdjsonLineBatches, decoded: the lines of each chunk as text. */
export async function* readNdjsonLines(
  source: AsyncIterable<Uint8Array>,
  options: { maxLineBytes?: number; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<NdjsonLine[]> {
  for await (const batch of readNdjsonLineBatches(source, options)) {
    const lines = decodeNdjsonLines(batch);
    if (lines.length > 0) yield lines;
  }
}
