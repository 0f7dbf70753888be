import { describe, expect, it } from 'vitest';
import { extensionOfName, isIssuedKey, issueKey } from './issued-keys.ts';

const folder =
  'hospitals/whzx/contracts/01KAW00000000000000000WHZX/deliverables/q1/meeting-minutes/';
const id = '01KB0000000000000000000001';

describe('keys of uploads', () => {
  it('are the folder, an id the server made and the file name’s extension', () => {
    expect(issueKey(folder, id, '会议纪要.PDF')).toBe(`${folder}${id}.pdf`);
    expect(issueKey(folder, id, '无扩展名')).toBe(`${folder}${id}`);
    expect(extensionOfName('a.tar.gz')).toBe('.gz');
  });

  it('come back only in exactly that shape', () => {
    expect(isIssuedKey(`${folder}${id}.pdf`, folder)).toBe(true);
    expect(isIssuedKey(`${folder}${id}`, folder)).toBe(true);
    for (const bad of [
      `${folder}../../../../../jcey/x/${id}.pdf`,
      `${folder}${id}.pdf/../x`,
      `${folder}x${id}.pdf`,
      `${folder}${id.toLowerCase()}.pdf`,
      `${folder}${id}.p df`,
      `${folder.replace('whzx', 'jcey')}${id}.pdf`,
      `${folder}sub/${id}.pdf`,
    ]) {
      expect(isIssuedKey(bad, folder), bad).toBe(false);
    }
  });
});
