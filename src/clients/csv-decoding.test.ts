import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, detectDelimiter } from './csv-decoding.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeCsvBytes', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsvBytes(utf8('nom\nLefèvre\nMüller\n'))).toEqual({ text: 'nom\nLefèvre\nMüller\n', encoding: 'UTF-8' });
  });

  it('drops the UTF-8 BOM Excel writes for « CSV UTF-8 »', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('nom;courriel\n')]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: 'nom;courriel\n', encoding: 'UTF-8' });
  });

  it('reads bytes that are not valid UTF-8 as Windows-1252', () => {
    const bytes = iconv.encode('nom\nLefèvre\nMüller\nŒuvre – « test »\n', 'windows-1252');
    expect([...bytes.subarray(4, 12)]).toEqual([0x4c, 0x65, 0x66, 0xe8, 0x76, 0x72, 0x65, 0x0a]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: 'nom\nLefèvre\nMüller\nŒuvre – « test »\n', encoding: 'Windows-1252' });
  });

  it('reads UTF-16 with its BOM (Excel « Texte Unicode »)', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('nom\nMüller\n', 'utf-16le')]);
    expect(decodeCsvBytes(le)).toEqual({ text: 'nom\nMüller\n', encoding: 'UTF-16LE' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('nom\nMüller\n', 'utf-16be')]);
    expect(decodeCsvBytes(be)).toEqual({ text: 'nom\nMüller\n', encoding: 'UTF-16BE' });
  });
});

describe('detectDelimiter', () => {
  it('takes the separator of the header line', () => {
    expect(detectDelimiter('identifiant;nom;courriel\n1,2,3,4,5\n')).toBe(';');
    expect(detectDelimiter('identifiant,nom,courriel\r\na;b;c;d\r\n')).toBe(',');
    expect(detectDelimiter('nom')).toBe(',');
  });
});
