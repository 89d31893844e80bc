/**
 * Exact money for the pricing engine.
 *
 * Prices are written in plan files as decimal strings in the currency's major unit ("75.00",
 * "0.0175", "1.2580645161") and never pass through a binary float. Inside the engine every
 * amount is an exact rational of two bigints until the one place where it becomes money: a bill
 * line, rounded half-up (half away from zero for credits) to the currency's minor unit. Totals
 * are sums of those integer lines, so a total always equals the sum of its lines.
 *
 * Quantities that arrive as JS numbers (e.g. 1,503.5 logged-in hours) are read through their
 * shortest decimal spelling (`String(x)`), which is exactly the number the user saw.
 */

export type Rational = { readonly n: bigint; readonly d: bigint };

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function rat(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) return { n, d };
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export const int = (value: number | bigint): Rational => ({ n: BigInt(value), d: 1n });
export const add = (a: Rational, b: Rational): Rational => (a.d === b.d ? rat(a.n + b.n, a.d) : rat(a.n * b.d + b.n * a.d, a.d * b.d));
export const sub = (a: Rational, b: Rational): Rational => (a.d === b.d ? rat(a.n - b.n, a.d) : rat(a.n * b.d - b.n * a.d, a.d * b.d));
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => rat(a.n * b.d, a.d * b.n);
export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const cmp = (a: Rational, b: Rational): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const isZero = (a: Rational): boolean => a.n === 0n;
export const isInteger = (a: Rational): boolean => a.d === 1n;
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);
export const positivePart = (a: Rational): Rational => (a.n > 0n ? a : ZERO);

export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

export function ceil(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n > 0n && q * a.d !== a.n ? q + 1n : q;
}

/** Half-up for amounts ≥ 0 and half away from zero for negative ones (a credit of 5.835 → −5.84). */
export function roundHalfUp(a: Rational): bigint {
  if (a.n < 0n) return -roundHalfUp(neg(a));
  return (2n * a.n + a.d) / (2n * a.d);
}

export function toNumber(a: Rational): number {
  return a.d === 1n ? Number(a.n) : Number(a.n) / Number(a.d);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** "0.0175" → 175/10000, exactly. Throws on anything that is not a plain decimal. */
export function fromDecimal(text: string): Rational {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal number: ${text}`);
  const fraction = match[3] ?? '';
  const exponent = Number(match[4] ?? 0) - fraction.length;
  let n = BigInt((match[2] ?? '0') + fraction);
  if (match[1] === '-') n = -n;
  return exponent >= 0 ? rat(n * 10n ** BigInt(exponent), 1n) : rat(n, 10n ** BigInt(-exponent));
}

/** A JS number as the exact decimal it prints as (0.1 → 1/10, not the nearest binary fraction). */
export function fromNumber(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? int(value) : fromDecimal(String(value));
}

// ------------------------------------------------------------------------------------------------
// Currencies
// ------------------------------------------------------------------------------------------------

/**
 * ISO 4217 minor-unit exponents that differ from 2. A table rather than Intl, so the number of
 * decimals (and therefore every rounded bill) never depends on the ICU data of the machine.
 */
const EXPONENT: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Digits after the decimal point in the currency's minor unit: USD 2, JPY 0, BHD 3. */
export function currencyExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

const SYMBOL: Readonly<Record<string, string>> = {
  USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹', KRW: '₩', ILS: '₪', CNY: 'CN¥', CAD: 'CA$',
  AUD: 'A$', NZD: 'NZ$', MXN: 'MX$', BRL: 'R$', HKD: 'HK$', TWD: 'NT$', VND: '₫', PHP: '₱',
};

/** "1234567" → "1,234,567" */
function group(digits: string): string {
  if (digits.length <= 3) return digits;
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

const POW10: bigint[] = Array.from({ length: 25 }, (_, i) => 10n ** BigInt(i));
/** 10^n as a bigint (cached for the exponents money uses). */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

function prefix(currency: string): string {
  return SYMBOL[currency] ?? `${currency} `;
}

/**
 * Formats an amount in minor units the en-US way whatever the machine's locale: "$10,000.00",
 * "-$5.83", "¥1,000", "BHD 1.234". Stable for tests, logs and exported reports.
 */
export function formatMinor(minor: number | bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  let value = BigInt(minor);
  const negative = value < 0n;
  if (negative) value = -value;
  const digits = value.toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${negative ? '-' : ''}${prefix(currency)}${group(whole)}${fraction}`;
}

/**
 * Formats an exact price in major units with at least the currency's decimals and as many more
 * as it needs (up to `maxDecimals`, then rounded half-up): "$75.00", "$0.0175", "$1.2580645161".
 */
export function formatPrice(price: Rational, currency: string, maxDecimals = 10): string {
  const exponent = currencyExponent(currency);
  let decimals = exponent;
  while (decimals < maxDecimals && (price.n * pow10(decimals)) % price.d !== 0n) decimals += 1;
  const scaled = roundHalfUp(mul(price, int(pow10(decimals))));
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${negative ? '-' : ''}${prefix(currency)}${group(whole)}${fraction}`;
}

/** A quantity for explanations: "1,000", "1,503.5", "8.1667" (at most 4 decimals, half-up). */
export function formatQuantity(value: Rational, maxDecimals = 4): string {
  if (value.d === 1n) return value.n < 0n ? `-${group((-value.n).toString())}` : group(value.n.toString());
  const negative = value.n < 0n;
  const abs = negative ? neg(value) : value;
  const scaled = roundHalfUp(mul(abs, int(pow10(maxDecimals))));
  const digits = scaled.toString().padStart(maxDecimals + 1, '0');
  const whole = digits.slice(0, digits.length - maxDecimals);
  const fraction = digits.slice(digits.length - maxDecimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${group(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** A formatter for amounts in minor units; pass your own to `priceSeries` to change the style. */
export type MoneyFormatter = (minor: number, currency: string) => string;
export const formatMoney: MoneyFormatter = (minor, currency) => formatMinor(minor, currency);
