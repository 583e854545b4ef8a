import { describe, expect, test } from '@jest/globals';
import { namesPretenuring } from '../src/internal/pretenuring.ts';

describe("turning off V8's pretenuring when a unit's thread starts", () => {
  test('a program that names nothing about pretenuring gets it turned off', () => {
    expect(namesPretenuring(['--enable-source-maps'], undefined)).toBe(false);
    expect(namesPretenuring([], '--max-old-space-size=512 --trace-warnings')).toBe(false);
  });

  test('a program that names the flag, either way, on its command line keeps its choice', () => {
    expect(namesPretenuring(['--allocation-site-pretenuring'], undefined)).toBe(true);
    expect(namesPretenuring(['--no-allocation-site-pretenuring'], undefined)).toBe(true);
    expect(namesPretenuring(['--allocation_site_pretenuring=false'], undefined)).toBe(true);
  });

  test('…or in NODE_OPTIONS', () => {
    expect(namesPretenuring([], '--max-semi-space-size=1 --allocation-site-pretenuring')).toBe(
      true,
    );
  });

  test('a flag that only begins with the same words is not taken for it', () => {
    expect(namesPretenuring(['--allocation-site-pretenuring-extra'], undefined)).toBe(false);
  });
});
