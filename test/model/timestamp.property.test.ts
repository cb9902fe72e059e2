import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../graph-model/timestamp.js';

const RUNS = Number(process.env.FC_RUNS ?? 200);
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days in a month by Date's own calendar arithmetic (day 0 of the next month), as an oracle independent of the parser. */
function oracleDaysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** An instant written in RFC 3339 at an offset, from Date's UTC fields of the shifted instant. */
const rfc3339 = fc
  .record({
    instant: fc.date({ min: new Date('0000-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
    offsetMinutes: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
    // Digits past the millisecond: a JavaScript time cannot hold them, so they are dropped.
    extraDigits: fc.stringMatching(/^\d{0,6}$/),
    showFraction: fc.boolean(),
    separator: fc.constantFrom('T', 't'),
    zulu: fc.constantFrom('Z', 'z', null),
  })
  .map(({ instant, offsetMinutes, extraDigits, showFraction, separator, zulu }) => {
    const local = new Date(instant.getTime() + offsetMinutes * 60_000);
    const ms = local.getUTCMilliseconds();
    const fraction = showFraction || ms !== 0 || extraDigits !== '' ? `.${pad(ms, 3)}${extraDigits}` : '';
    const abs = Math.abs(offsetMinutes);
    const offset = offsetMinutes === 0 && zulu !== null ? zulu : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    const text =
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}${separator}` +
      `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${offset}`;
    return { text, instant };
  });

describe('parseTimestamp', () => {
  it('accepts every RFC 3339 date-time and reads the instant written', () => {
    fc.assert(
      fc.property(rfc3339, ({ text, instant }) => {
        for (const form of ['strict', 'lenient'] as const) {
          const parsed = parseTimestamp(text, { form });
          expect(parsed).toEqual({ ok: true, iso: instant.toISOString(), millis: instant.getTime() });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every impossible calendar date: a day past its month, month 0 or 13+, Feb 29 of a common year', () => {
    const impossibleDay = fc
      .record({ year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), over: fc.integer({ min: 1, max: 3 }) })
      .map(({ year, month, over }) => ({ year, month, day: Math.min(99, oracleDaysInMonth(year, month) + over) }));
    const impossibleMonth = fc.record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 })),
      day: fc.integer({ min: 1, max: 28 }),
    });
    const commonYearLeapDay = fc
      .integer({ min: 0, max: 9999 })
      .filter((year) => oracleDaysInMonth(year, 2) === 28)
      .map((year) => ({ year, month: 2, day: 29 }));
    const dayZero = fc.record({ year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.constant(0) });
    fc.assert(
      fc.property(fc.oneof(impossibleDay, impossibleMonth, commonYearLeapDay, dayZero), ({ year, month, day }) => {
        const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        for (const form of ['strict', 'lenient'] as const) {
          expect(parseTimestamp(`${date}T00:00:00Z`, { form }).ok).toBe(false);
          expect(parseTimestamp(date, { form, date: true }).ok).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every impossible time of day: hour 24+, minute 60+, second 60+, an offset past 23:59', () => {
    const field = fc.integer({ min: 0, max: 99 });
    fc.assert(
      fc.property(fc.tuple(field, field, field, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })), ([h, m, s, oh, om]) => {
        fc.pre(h > 23 || m > 59 || s > 59 || oh > 23 || om > 59);
        const text = `2024-06-15T${pad(h)}:${pad(m)}:${pad(s)}+${pad(oh)}:${pad(om)}`;
        expect(parseTimestamp(text).ok).toBe(false);
        expect(parseTimestamp(text, { form: 'lenient' }).ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('names the impossible field', () => {
    expect(parseTimestamp('2021-02-30T00:00:00Z')).toEqual({ ok: false, reason: '"2021-02-30T00:00:00Z": 2021-02 has no day 30', why: '2021-02 has no day 30' });
    expect(parseTimestamp('2021-04-31T00:00:00Z')).toMatchObject({ ok: false, reason: expect.stringContaining('2021-04 has no day 31') });
    expect(parseTimestamp('2021-13-01T00:00:00Z')).toMatchObject({ ok: false, reason: expect.stringContaining('no month 13') });
    expect(parseTimestamp('2021-01-01T24:00:00Z')).toMatchObject({ ok: false, reason: expect.stringContaining('no hour 24') });
    expect(parseTimestamp('2023-02-29T00:00:00Z')).toMatchObject({ ok: false, reason: expect.stringContaining('2023-02 has no day 29') });
    expect(parseTimestamp('2024-02-29T00:00:00Z')).toMatchObject({ ok: true, iso: '2024-02-29T00:00:00.000Z' });
    expect(parseTimestamp('1900-02-29T00:00:00Z').ok).toBe(false);
    expect(parseTimestamp('2000-02-29T00:00:00Z').ok).toBe(true);
  });

  it('strict is RFC 3339: seconds and an offset ±hh:mm are required; lenient reads what producers send', () => {
    for (const text of ['2026-11-01T10:00Z', '2026-11-01T10:00:00', '2026-11-01T10:00:00+08', '2026-11-01T10:00:00+0800', '2026-11-01', 'yesterday', '1', '2026-11-01 10:00:00Z']) {
      expect(parseTimestamp(text).ok, text).toBe(false);
    }
    expect(parseTimestamp('2026-11-01T10:00', { form: 'lenient' })).toMatchObject({ ok: true, iso: '2026-11-01T10:00:00.000Z' });
    expect(parseTimestamp('2026-11-01T10:00:00+0800', { form: 'lenient' })).toMatchObject({ ok: true, iso: '2026-11-01T02:00:00.000Z' });
    expect(parseTimestamp('2026-11-01T10:00:00-08', { form: 'lenient' })).toMatchObject({ ok: true, iso: '2026-11-01T18:00:00.000Z' });
    expect(parseTimestamp('2026-11-01', { date: true })).toMatchObject({ ok: true, iso: '2026-11-01T00:00:00.000Z' });
    expect(parseTimestamp('2026-11-01T10:00:00+08:', { form: 'lenient' }).ok).toBe(false);
  });
});
