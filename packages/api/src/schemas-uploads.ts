import * as z from 'zod';
import { maxProofBytes, proofContentTypes, typeOfExtension } from '@weibao/domain';

/**
 * A file to upload (an obligation's proof, a fault report's photo): its declared name, type and
 * size are checked before any URL is given. One set of bounds for every upload of this kind.
 */
export const fileUploadRequestSchema = z
  .strictObject({
    filename: z
      .string()
      .min(1)
      .max(200)
      .refine(
        (name) => !/[/\\]/.test(name) && ![...name].some((ch) => ch.charCodeAt(0) < 0x20),
        'a file name without folders or control characters',
      ),
    contentType: z.enum(proofContentTypes),
    sizeBytes: z
      .number()
      .int()
      .min(1, 'the file is empty')
      .max(maxProofBytes, `at most ${maxProofBytes} bytes (20 MB); split or compress the file`),
  })
  .superRefine((b, ctx) => {
    const type = typeOfExtension(b.filename);
    if (type === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['filename'],
        message: 'upload a .pdf, .jpg, .png, .docx, .xlsx or .zip file',
      });
    else if (type !== b.contentType)
      ctx.addIssue({
        code: 'custom',
        path: ['contentType'],
        message: `a file named ${b.filename} is ${type}, not ${b.contentType}`,
      });
  });
