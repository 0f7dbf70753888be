import { Transform, type TransformCallback } from 'node:stream';
import { decodeBytes } from './charset.ts';

/**
 * Decodes a text body for mailparser, passed as its `Iconv` option, so that bodies are read with
 * the same charset rules as headers (GB2312 as GB18030, Big5 as Big5-HKSCS, Latin-1 as
 * Windows-1252). The body is collected and decoded at the end: a text part is small, and a
 * multibyte character can then never be split between chunks.
 */
export class BodyDecoder extends Transform {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly charset: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.push(Buffer.from(decodeBytes(Buffer.concat(this.chunks), this.charset), 'utf8'));
    done();
  }
}
