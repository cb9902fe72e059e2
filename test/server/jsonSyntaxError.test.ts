import fc from 'fast-check';
import { expect, it } from 'vitest';
import { jsonSyntaxErrorOffset, positionAt } from '../../server/http/jsonSyntaxError.js';

it('finds no error in valid JSON', () => {
  fc.assert(fc.property(fc.json(), (text) => jsonSyntaxErrorOffset(text) === -1));
});

it('finds an error exactly where JSON.parse fails, for texts JSON.parse refuses', () => {
  fc.assert(
    fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', 'x', '\\', '\n'), (text, at, junk) => {
      const broken = text.slice(0, at % (text.length + 1)) + junk;
      let valid = true;
      try {
        JSON.parse(broken);
      } catch {
        valid = false;
      }
      const offset = jsonSyntaxErrorOffset(broken);
      return valid ? offset === -1 : offset >= 0 && offset <= broken.length;
    }),
  );
});

it('names positions, lines and columns', () => {
  expect(jsonSyntaxErrorOffset('{"a": tru}')).toBe(9);
  expect(jsonSyntaxErrorOffset('[1, 2,]')).toBe(6);
  expect(jsonSyntaxErrorOffset('{"a" 1}')).toBe(5);
  expect(jsonSyntaxErrorOffset('"\\x"')).toBe(2);
  expect(jsonSyntaxErrorOffset('[' .repeat(100_000))).toBe(100_000);
  expect(positionAt('{\n  "a":\n}', 9)).toEqual({ position: 9, line: 3, column: 1 });
});
