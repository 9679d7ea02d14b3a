import * as zlib from 'node:zlib';

/**
 * Collects a response body for display without holding more than `maxKeep` decoded bytes:
 * every wire byte is counted, gzip/deflate/br are decoded as a stream, and once enough is kept
 * the decoder is dropped and the rest is only counted.
 */
export class BoundedBody {
  wireBytes = 0;
  truncated = false;
  decodeError?: string;
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private decoder?: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress;
  private decoderDone: Promise<void> = Promise.resolve();
  readonly encoding?: string;

  constructor(
    contentEncoding: string | undefined,
    private readonly maxKeep: number,
  ) {
    const enc = (contentEncoding ?? '').trim().toLowerCase();
    const decoder = makeDecoder(enc);
    if (decoder) {
      this.encoding = enc;
      this.decoder = decoder;
      this.decoderDone = new Promise<void>(resolve => {
        decoder.on('data', (chunk: Buffer) => this.keep(chunk));
        decoder.on('end', resolve);
        decoder.on('close', resolve);
        decoder.on('error', (e: Error) => {
          if (!this.truncated) this.decodeError = e.message;
          resolve();
        });
      });
    }
  }

  /**
   * Feed one wire chunk. Returns false when the decoder wants a pause: stop feeding until
   * `drained()` resolves (the caller pauses the socket meanwhile).
   */
  write(chunk: Uint8Array): boolean {
    this.wireBytes += chunk.length;
    const d = this.decoder;
    if (!d) {
      this.keep(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      return true;
    }
    if (d.destroyed || this.decodeError) return true;
    return d.write(chunk);
  }

  /** Resolves when the decoder can take more (or is gone). */
  drained(): Promise<void> {
    const d = this.decoder;
    if (!d || d.destroyed || !d.writableNeedDrain) return Promise.resolve();
    return new Promise<void>(resolve => {
      const done = () => {
        d.off('drain', done);
        d.off('close', done);
        resolve();
      };
      d.on('drain', done);
      d.on('close', done);
    });
  }

  /** Feed one wire chunk, waiting for the decoder when it is behind. */
  async push(chunk: Uint8Array): Promise<void> {
    if (!this.write(chunk)) await this.drained();
  }

  /** Call after the last chunk. Returns the kept text. */
  async finish(): Promise<string> {
    if (!this.decoder) return this.text();
    if (!this.decoder.destroyed) this.decoder.end();
    await this.decoderDone;
    return this.text();
  }

  /** What was kept so far (also usable after a failure mid-body). */
  text(): string {
    const buf = Buffer.concat(this.kept, this.keptBytes);
    const text = buf.toString('utf8');
    return this.decodeError
      ? `${text}[ccmacro: the ${this.encoding} body could not be decoded: ${this.decodeError}]`
      : text;
  }

  /** Drop the decoder (e.g. when the send failed). */
  dispose(): void {
    this.decoder?.destroy();
  }

  private keep(chunk: Buffer): void {
    if (this.truncated) return;
    const room = this.maxKeep - this.keptBytes;
    if (chunk.length > room) {
      if (room > 0) {
        // Copy: a slice would pin the whole chunk in memory.
        this.kept.push(Buffer.from(chunk.subarray(0, room)));
        this.keptBytes += room;
      }
      this.truncated = true;
      this.decoder?.destroy();
      return;
    }
    this.kept.push(this.decoder ? chunk : Buffer.from(chunk));
    this.keptBytes += chunk.length;
  }
}

function makeDecoder(enc: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  // Be lenient like browsers: a body cut short still shows what arrived.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (enc) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(flush);
    case 'deflate':
      return zlib.createInflate(flush);
    case 'br':
      return zlib.createBrotliDecompress({
        flush: zlib.constants.BROTLI_OPERATION_FLUSH,
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      });
    default:
      return undefined;
  }
}
