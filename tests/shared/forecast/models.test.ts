import { describe, expect, it } from 'vitest';
import { forecastSeries, mape } from '../../../shared/forecast/models';

/** A deterministic generator (mulberry32) so the "noise" is the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** Approximately normal noise (sum of 12 uniforms). */
function gaussian(random: () => number) {
  let s = 0;
  for (let i = 0; i < 12; i += 1) s += random();
  return s - 6;
}

// A contact center's year: tax-season peak in Feb–Apr, summer trough, open-enrollment bump in Nov.
const PATTERN = [60, 110, 120, 100, 0, -60, -70, -70, -20, 0, 40, 30];
const truth = (t: number) => 400 + 1.5 * t + PATTERN[t % 12]!;

function generated(months: number, noiseSd: number, seed = 7) {
  const random = rng(seed);
  return Array.from({ length: months }, (_, t) => truth(t) + noiseSd * gaussian(random));
}

describe('forecastSeries', () => {
  it('recovers a known seasonal pattern from four noisy years within 5% MAPE', () => {
    const history = generated(48, 10);
    const forecast = forecastSeries(history, 12);
    const expected = Array.from({ length: 12 }, (_, h) => truth(48 + h));
    // The stated error: the next year's noise-free pattern within 5% mean absolute percentage error.
    expect(mape(expected, forecast.point)!).toBeLessThan(5);
    // And the shape: the peak month is the peak, the trough is the trough.
    const argmax = forecast.point.indexOf(Math.max(...forecast.point));
    const argmin = forecast.point.indexOf(Math.min(...forecast.point));
    expect(argmax).toBe(2);
    expect([5, 6, 7]).toContain(argmin);
    expect(forecast.model).not.toBe('drift');
    expect(forecast.backtestMonths).toBe(12);
    expect(forecast.backtestMape).not.toBeNull();
    expect(forecast.backtestMape!).toBeLessThan(6);
    // Intervals contain the point and widen with the horizon.
    forecast.point.forEach((p, i) => {
      expect(forecast.low[i]!).toBeLessThanOrEqual(p);
      expect(forecast.high[i]!).toBeGreaterThanOrEqual(p);
    });
    const width = (i: number) => forecast.high[i]! - forecast.low[i]!;
    expect(width(11)).toBeGreaterThan(width(0));
  });

  it('chooses Holt-Winters over seasonal naive when there is a trend to follow', () => {
    const history = generated(48, 3, 11);
    const forecast = forecastSeries(history, 12);
    expect(forecast.model.startsWith('holt-winters')).toBe(true);
    const naive = forecast.candidates.find((c) => c.model === 'seasonal-naive')!;
    expect(forecast.backtestMape!).toBeLessThan(naive.backtestMape!);
  });

  it('with one season of history says so and falls back to drift with wider intervals', () => {
    const history = generated(12, 10);
    const forecast = forecastSeries(history, 12);
    expect(forecast.model).toBe('drift');
    expect(forecast.messages.join(' ')).toMatch(/too little history for a seasonal model/i);
    expect(forecast.candidates.map((c) => c.model)).toEqual(['drift']);
    const seasonal = forecastSeries(generated(48, 10), 12);
    const width = (f: typeof forecast) => f.high[0]! - f.low[0]!;
    expect(width(forecast)).toBeGreaterThan(width(seasonal));
  });

  it('with exactly two seasons forecasts seasonally but cannot backtest Holt-Winters, and says so', () => {
    const forecast = forecastSeries(generated(24, 5), 12);
    expect(forecast.model).toBe('seasonal-naive');
    expect(forecast.backtestMonths).toBe(12);
    const hw = forecast.candidates.find((c) => c.model === 'holt-winters-additive')!;
    expect(hw.backtestMape).toBeNull();
    expect(hw.note).toMatch(/needs two seasons/);
  });

  it('honours a requested model and never forecasts below zero', () => {
    const history = generated(36, 5).map((v, t) => (t % 12 === 6 ? 0 : v));
    const forecast = forecastSeries(history, 24, { model: 'holt-winters-additive' });
    expect(forecast.model).toBe('holt-winters-additive');
    expect(forecast.point).toHaveLength(24);
    expect(Math.min(...forecast.low)).toBeGreaterThanOrEqual(0);
    const multiplicative = forecast.candidates.find((c) => c.model === 'holt-winters-multiplicative')!;
    expect(multiplicative.note).toMatch(/zero/);
  });

  it('is deterministic', () => {
    const history = generated(40, 10);
    expect(forecastSeries(history, 12)).toEqual(forecastSeries(history, 12));
  });
});
