import { createHash, randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipStream } from './deliverable-use-cases.ts';

const mib = 1024 * 1024;

describe('the quarter’s package', () => {
  it('is zipped a chunk at a time: it never reads a file much ahead of what it has written', async () => {
    // Prepare: a 16 MiB file served 1 MiB at a time, counting how much was read
    const chunks = Array.from({ length: 16 }, () => randomBytes(mib));
    let read = 0;
    const files = {
      async *read(key: string) {
        expect(key).toBe('hospitals/whzx/big.bin');
        for (const c of chunks) {
          read += c.byteLength;
          yield c;
        }
      },
    };
    // Act: take the zip as a consumer would (S3 parts), noting how far reading was ahead
    const out: Uint8Array[] = [];
    let written = 0;
    let mostAhead = 0;
    for await (const chunk of zipStream(files, [
      { name: '清单.txt', key: null, text: '1. 会议纪要' },
      { name: '1-会议纪要/big.bin', key: 'hospitals/whzx/big.bin' },
    ])) {
      mostAhead = Math.max(mostAhead, read - written);
      written += chunk.byteLength;
      out.push(chunk);
    }
    // Assess: at most about two chunks held at once, and the zip holds the files byte for byte
    expect(mostAhead).toBeLessThan(3 * mib);
    const unzipped = unzipSync(Buffer.concat(out));
    expect(new TextDecoder().decode(unzipped['清单.txt'])).toBe('1. 会议纪要');
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(unzipped['1-会议纪要/big.bin']!)).toBe(sha(Buffer.concat(chunks)));
  });
});
