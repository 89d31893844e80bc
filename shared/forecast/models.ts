/**
 * Monthly forecasting, pure: a series of monthly values in, point forecasts and prediction
 * intervals out. No clock, no I/O, deterministic.
 *
 * Candidates:
 *  - seasonal-naive        next January = last January; the baseline every model must beat.
 *  - holt-winters-additive / holt-winters-multiplicative
 *                          level + trend + seasonal index (ETS(A,A,A) / ETS(M,A,M) style), the
 *                          three smoothing weights fitted by minimising one-step squared error
 *                          over a fixed grid (deterministic, and cheap at a few dozen months).
 *  - drift                 the honest fallback under two seasons of history: last value plus the
 *                          average change, with intervals that include every seasonal swing seen.
 *
 * The better seasonal model is chosen by backtest: the last months are forecast from what came
 * before and scored by MAPE. Intervals come from the one-step residual variance and widen with
 * the horizon (the ETS variance multiplier for Holt-Winters, whole seasons for seasonal-naive).
 */

export type ModelName = 'seasonal-naive' | 'holt-winters-additive' | 'holt-winters-multiplicative' | 'drift';
export type ModelChoice = ModelName | 'auto';

export const MODEL_LABELS: Record<ModelName, string> = {
  'seasonal-naive': 'Seasonal naive',
  'holt-winters-additive': 'Holt-Winters (additive)',
  'holt-winters-multiplicative': 'Holt-Winters (multiplicative)',
  drift: 'Drift (no seasonality)',
};

export const SEASON_LENGTH = 12;
/** Months forecast in the backtest when the history allows it. */
export const BACKTEST_MONTHS = 12;
/** Two-sided 80% prediction intervals: wide enough to plan with, narrow enough to mean something. */
export const INTERVAL_LEVEL = 0.8;
const Z_80 = 1.2815515655446004;
/** The fallback has no model of the season, so its intervals are widened on purpose. */
const FALLBACK_WIDENING = 1.5;
/** Fewest months over which Holt-Winters can be backtested with two seasons to train on, plus a quarter. */
const MIN_HW_BACKTEST = 3;

export type Candidate = {
  model: ModelName;
  /** Mean absolute percentage error of the backtest, in percent; null when it could not be run. */
  backtestMape: number | null;
  backtestMonths: number;
  /** Why the candidate could not be backtested or fitted, when it could not. */
  note?: string;
};

export type SeriesForecast = {
  model: ModelName;
  backtestMape: number | null;
  backtestMonths: number;
  candidates: Candidate[];
  point: number[];
  low: number[];
  high: number[];
  /** Fitted smoothing weights of a Holt-Winters model. */
  parameters?: { alpha: number; beta: number; gamma: number };
  /** Plain-language remarks: too little history, how the model was chosen. */
  messages: string[];
};

// ------------------------------------------------------------------------------------------------
// Holt-Winters
// ------------------------------------------------------------------------------------------------

type HwKind = 'additive' | 'multiplicative';
type HwParams = { alpha: number; beta: number; gamma: number };
type HwState = { level: number; trend: number; season: number[]; sse: number; residuals: number[] };

const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const BETAS = [0, 0.01, 0.05, 0.1, 0.2, 0.3];
const GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7];

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Runs the recursions over y from the start of its second season. Initial state: the first
 * season's mean (moved to that season's end by half a season of trend), the trend from the first
 * two seasons' means, and the first season's deviations from a straight line as the indices.
 */
function runHw(y: readonly number[], m: number, kind: HwKind, p: HwParams): HwState {
  const first = mean(y.slice(0, m));
  const trend0 = y.length >= 2 * m ? (mean(y.slice(m, 2 * m)) - first) / m : 0;
  const season: number[] = [];
  for (let i = 0; i < m; i += 1) {
    const line = first + trend0 * (i - (m - 1) / 2);
    season.push(kind === 'additive' ? y[i]! - line : y[i]! / line);
  }
  let level = first + (trend0 * (m - 1)) / 2;
  let trend = trend0;
  let sse = 0;
  const residuals: number[] = [];
  for (let t = m; t < y.length; t += 1) {
    const s = season[t % m]!;
    const fitted = kind === 'additive' ? level + trend + s : (level + trend) * s;
    const actual = y[t]!;
    // Multiplicative errors are relative, so large and small months weigh alike.
    const error = kind === 'additive' ? actual - fitted : fitted === 0 ? 0 : (actual - fitted) / fitted;
    sse += error * error;
    residuals.push(error);
    const previous = level;
    if (kind === 'additive') {
      level = p.alpha * (actual - s) + (1 - p.alpha) * (level + trend);
      trend = p.beta * (level - previous) + (1 - p.beta) * trend;
      season[t % m] = p.gamma * (actual - level) + (1 - p.gamma) * s;
    } else {
      level = p.alpha * (actual / s) + (1 - p.alpha) * (level + trend);
      trend = p.beta * (level - previous) + (1 - p.beta) * trend;
      season[t % m] = p.gamma * (actual / level) + (1 - p.gamma) * s;
    }
  }
  return { level, trend, season, sse, residuals };
}

function fitHw(y: readonly number[], m: number, kind: HwKind): { params: HwParams; state: HwState } {
  let best: { params: HwParams; state: HwState } | null = null;
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      for (const gamma of GAMMAS) {
        const params = { alpha, beta, gamma };
        const state = runHw(y, m, kind, params);
        if (Number.isFinite(state.sse) && (best === null || state.sse < best.state.sse)) best = { params, state };
      }
    }
  }
  return best!;
}

function hwPoint(state: HwState, n: number, m: number, kind: HwKind, h: number): number {
  const s = state.season[(n + h - 1) % m]!;
  return kind === 'additive' ? state.level + h * state.trend + s : (state.level + h * state.trend) * s;
}

/** ETS variance multiplier for horizon h: 1 + Σ_{j<h} (α(1 + jβ) + γ·[j is a whole season])². */
function hwVarianceMultiplier(p: HwParams, m: number, h: number): number {
  let v = 1;
  for (let j = 1; j < h; j += 1) {
    const c = p.alpha * (1 + j * p.beta) + (j % m === 0 ? p.gamma : 0);
    v += c * c;
  }
  return v;
}

function residualSigma(residuals: readonly number[], parameters: number): number {
  if (residuals.length === 0) return 0;
  const sse = residuals.reduce((s, e) => s + e * e, 0);
  return Math.sqrt(sse / Math.max(1, residuals.length - parameters));
}

// ------------------------------------------------------------------------------------------------
// Point forecasts and intervals per model
// ------------------------------------------------------------------------------------------------

type Forecast = { point: number[]; low: number[]; high: number[]; parameters?: HwParams };

function forecastWith(model: ModelName, y: readonly number[], horizon: number, m: number): Forecast {
  const n = y.length;
  const point: number[] = [];
  const sd: number[] = [];
  let parameters: HwParams | undefined;
  let relative = false;
  if (model === 'seasonal-naive') {
    const residuals = y.slice(m).map((v, i) => v - y[i]!);
    const sigma = residualSigma(residuals, 0);
    for (let h = 1; h <= horizon; h += 1) {
      point.push(y[n - m + ((h - 1) % m)]!);
      sd.push(sigma * Math.sqrt(Math.floor((h - 1) / m) + 1));
    }
  } else if (model === 'drift') {
    const slope = n >= 2 ? (y[n - 1]! - y[0]!) / (n - 1) : 0;
    const residuals = y.slice(1).map((v, i) => v - y[i]! - slope);
    // With one or two points there is no variance to measure: assume a quarter of the level.
    const sigma = residuals.length >= 2 ? residualSigma(residuals, 1) : Math.abs(y[n - 1] ?? 0) * 0.25;
    for (let h = 1; h <= horizon; h += 1) {
      point.push((y[n - 1] ?? 0) + h * slope);
      sd.push(FALLBACK_WIDENING * sigma * Math.sqrt(h * (1 + h / Math.max(1, n - 1))));
    }
  } else {
    const kind: HwKind = model === 'holt-winters-additive' ? 'additive' : 'multiplicative';
    const fit = fitHw(y, m, kind);
    parameters = fit.params;
    relative = kind === 'multiplicative';
    const sigma = residualSigma(fit.state.residuals, 3);
    for (let h = 1; h <= horizon; h += 1) {
      point.push(hwPoint(fit.state, n, m, kind, h));
      sd.push(sigma * Math.sqrt(hwVarianceMultiplier(fit.params, m, h)));
    }
  }
  const low = point.map((p, i) => Math.max(0, relative ? p * (1 - Z_80 * sd[i]!) : p - Z_80 * sd[i]!));
  const high = point.map((p, i) => (relative ? p * (1 + Z_80 * sd[i]!) : p + Z_80 * sd[i]!));
  return { point: point.map((p) => Math.max(0, p)), low, high, ...(parameters ? { parameters } : {}) };
}

/** Mean absolute percentage error in percent, over the months whose actual value is not zero. */
export function mape(actual: readonly number[], forecast: readonly number[]): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i += 1) {
    if (actual[i] === 0) continue;
    sum += Math.abs((actual[i]! - forecast[i]!) / actual[i]!);
    count += 1;
  }
  return count === 0 ? null : (sum / count) * 100;
}

function backtest(model: ModelName, y: readonly number[], months: number, m: number): number | null {
  const train = y.slice(0, y.length - months);
  const test = y.slice(y.length - months);
  return mape(test, forecastWith(model, train, months, m).point);
}

const round2 = (value: number) => Math.round(value * 100) / 100;

// ------------------------------------------------------------------------------------------------
// The planner's entry point
// ------------------------------------------------------------------------------------------------

export type ForecastOptions = {
  /** Months per season (12 for monthly data). */
  seasonLength?: number;
  /** Force a model; `auto` (default) picks by backtest. A seasonal model needs two seasons. */
  model?: ModelChoice;
};

/** Forecasts `horizon` months after `history` (oldest first). */
export function forecastSeries(history: readonly number[], horizon: number, options: ForecastOptions = {}): SeriesForecast {
  const m = options.seasonLength ?? SEASON_LENGTH;
  const n = history.length;
  const messages: string[] = [];
  if (n === 0) {
    const zeros = Array.from({ length: horizon }, () => 0);
    return { model: 'drift', backtestMape: null, backtestMonths: 0, candidates: [], point: zeros, low: zeros, high: zeros, messages: ['No history to forecast from.'] };
  }

  if (n < 2 * m) {
    messages.push(
      `Too little history for a seasonal model: ${n} month${n === 1 ? '' : 's'} of data, and a seasonal model needs two full seasons (${2 * m} months). ` +
        'The forecast falls back to the recent trend (drift) with deliberately wide intervals; it cannot anticipate seasonal peaks.',
    );
    const months = n >= 6 ? Math.min(BACKTEST_MONTHS, Math.floor(n / 3)) : 0;
    const candidate: Candidate = { model: 'drift', backtestMape: months > 0 ? backtest('drift', history, months, m) : null, backtestMonths: months };
    const result = forecastWith('drift', history, horizon, m);
    return { model: 'drift', backtestMape: candidate.backtestMape, backtestMonths: months, candidates: [candidate], ...result, messages };
  }

  const positive = history.every((v) => v > 0);
  const naiveMonths = Math.min(BACKTEST_MONTHS, n - m);
  const hwMonths = Math.min(BACKTEST_MONTHS, n - 2 * m);
  const hwNote =
    hwMonths < MIN_HW_BACKTEST
      ? `Not backtested: Holt-Winters needs two seasons to train on plus ${MIN_HW_BACKTEST} months to test (${2 * m + MIN_HW_BACKTEST} months; there are ${n}).`
      : undefined;
  const candidates: Candidate[] = [
    { model: 'seasonal-naive', backtestMape: backtest('seasonal-naive', history, naiveMonths, m), backtestMonths: naiveMonths },
    hwNote
      ? { model: 'holt-winters-additive', backtestMape: null, backtestMonths: 0, note: hwNote }
      : { model: 'holt-winters-additive', backtestMape: backtest('holt-winters-additive', history, hwMonths, m), backtestMonths: hwMonths },
    !positive
      ? { model: 'holt-winters-multiplicative', backtestMape: null, backtestMonths: 0, note: 'Not fitted: the series has months at zero, which a multiplicative season cannot scale.' }
      : hwNote
        ? { model: 'holt-winters-multiplicative', backtestMape: null, backtestMonths: 0, note: hwNote }
        : { model: 'holt-winters-multiplicative', backtestMape: backtest('holt-winters-multiplicative', history, hwMonths, m), backtestMonths: hwMonths },
  ];
  // Compare on the same months: when Holt-Winters was tested on fewer months, re-score the
  // baseline on those months too, so the choice is like for like.
  if (!hwNote && hwMonths < naiveMonths) {
    const naiveOnSame = backtest('seasonal-naive', history, hwMonths, m);
    candidates.push({ model: 'seasonal-naive', backtestMape: naiveOnSame, backtestMonths: hwMonths, note: `Seasonal naive scored on the same ${hwMonths} months as Holt-Winters.` });
  }

  let model: ModelName;
  const requested = options.model ?? 'auto';
  if (requested !== 'auto') {
    const usable = requested !== 'drift' && (requested !== 'holt-winters-multiplicative' || positive);
    model = usable ? requested : 'seasonal-naive';
    messages.push(usable ? `${MODEL_LABELS[model]} chosen by you.` : `${MODEL_LABELS[requested]} cannot be used on this series; seasonal naive is shown instead.`);
  } else if (hwNote) {
    model = 'seasonal-naive';
    messages.push(`Seasonal naive chosen: it is the only seasonal model that could be backtested on ${n} months. ${hwNote}`);
  } else {
    const comparable = candidates.filter((c) => c.backtestMape !== null && c.backtestMonths === hwMonths);
    const best = comparable.reduce((a, b) => (b.backtestMape! < a.backtestMape! ? b : a));
    model = best.model;
    messages.push(`${MODEL_LABELS[model]} chosen: lowest backtest error over the last ${hwMonths} months.`);
  }
  const chosen = candidates.filter((c) => c.model === model).at(-1)!;
  const result = forecastWith(model, history, horizon, m);
  return {
    model,
    backtestMape: chosen.backtestMape === null ? null : round2(chosen.backtestMape),
    backtestMonths: chosen.backtestMonths,
    candidates: candidates.map((c) => ({ ...c, backtestMape: c.backtestMape === null ? null : round2(c.backtestMape) })),
    ...result,
    messages,
  };
}
