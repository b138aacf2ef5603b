/**
 * Bytes of a CSV file as firms export them → text. Excel on Windows writes Windows-1252 (« Lefèvre »
 * as the single byte E8) unless told « CSV UTF-8 », which adds a BOM; other tools write UTF-8
 * without one, and « Texte Unicode » is UTF-16 with a BOM. The rule: a BOM decides; otherwise
 * bytes that are valid UTF-8 are UTF-8 (Windows-1252 accented text practically never is), and
 * anything else is read as Windows-1252, which maps every byte to some character.
 */
import iconv from 'iconv-lite';

export type CsvEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

export interface DecodedText {
  readonly text: string;
  readonly encoding: CsvEncoding;
}

const BOMS: ReadonlyArray<readonly [CsvEncoding, readonly number[]]> = [
  ['UTF-8', [0xef, 0xbb, 0xbf]],
  ['UTF-16LE', [0xff, 0xfe]],
  ['UTF-16BE', [0xfe, 0xff]],
];

export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  for (const [encoding, bom] of BOMS) {
    if (bom.every((byte, i) => bytes[i] === byte)) {
      return { text: iconv.decode(Buffer.from(bytes.subarray(bom.length)), encoding), encoding };
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'Windows-1252' };
  }
}

export type Delimiter = ',' | ';';

/**
 * The separator, read from the header line: French Excel writes `;` (the comma is the decimal
 * mark), others `,`. Whichever appears more often in the first line wins; a tie means `,`.
 */
export function detectDelimiter(text: string): Delimiter {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}
