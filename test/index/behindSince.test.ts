import { expect, it } from 'vitest';
import { BehindSince } from '../../graph-model/index/behindSince.js';

it('is the age of the oldest version told of and not applied, 0 when none is', () => {
  const behind = new BehindSince();
  expect(behind.seconds(1_000)).toBe(0);
  behind.seen(3, 3, 1_000); // already held
  expect(behind.seconds(5_000)).toBe(0);
  behind.seen(4, 3, 1_000);
  behind.seen(6, 3, 2_000);
  behind.seen(5, 3, 3_000); // older than the newest told: known since the first
  expect(behind.seconds(4_000)).toBe(3);
  behind.applied(4); // 6 is still missing, told at 2 s
  expect(behind.seconds(4_000)).toBe(2);
  behind.applied(6);
  expect(behind.seconds(4_000)).toBe(0);
});

it('stays bounded when the index is stuck for many versions, and keeps the earliest time', () => {
  const behind = new BehindSince();
  for (let v = 1; v <= 100_000; v++) behind.seen(v, 0, v);
  expect(behind.seconds(200_000)).toBe(199.999);
  behind.applied(99_999);
  // The last entry holds the newest version with the time of the 1024th: late versions merged into it.
  expect(behind.seconds(200_000)).toBe((200_000 - 1024) / 1000);
  behind.applied(100_000);
  expect(behind.seconds(200_000)).toBe(0);
});
