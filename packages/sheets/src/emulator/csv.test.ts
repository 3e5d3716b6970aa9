import { expect, test } from 'vitest';
import { parseCsv, sheetFromCsv } from './csv.js';

test('parses quoted fields, escaped quotes, CRLF and empty cells', () => {
  expect(parseCsv('a,"b,c","say ""hi"""\r\n1,,3\n')).toEqual([
    ['a', 'b,c', 'say "hi"'],
    ['1', '', '3'],
  ]);
  expect(sheetFromCsv('x,\n')).toEqual([['x', null]]);
});
