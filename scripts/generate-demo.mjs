#!/usr/bin/env node
// Generates the bundled demo dataset in resources/demo: two years of agent login/logout sessions for a
// fictional public benefits and tax call center, the roster of provisioned accounts, and a README.
//
//   node scripts/generate-demo.mjs [--out DIR]
//
// The output is committed, and a test checks it is reproducible, so everything here is deterministic:
// one seeded PRNG stream for the population and one per account for its schedule (adding an account
// never reshuffles anybody else's days), no Math.random, no clock reads.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Temporal } from 'temporal-polyfill';

const ZONE = 'America/New_York';
const SEED = 0x5ea7ca57;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const SESSIONS_FILE = 'demo-sessions.csv.gz';
const ROSTER_FILE = 'demo-roster.csv';
const README_FILE = 'README.md';
const SESSIONS_HEADER = ['agent_id', 'agent_name', 'team', 'site', 'role', 'login', 'logout'];
const ROSTER_HEADER = ['agent_id', 'agent_name', 'team', 'site', 'role', 'created', 'deactivated'];

const TEAMS = {
  tax: 'Tax Line',
  benefits: 'Benefits Enrollment',
  general: 'General Inquiries',
  escalations: 'Escalations',
};
const SITES = { springfield: 'Springfield', riverside: 'Riverside', remote: 'Remote' };

// ---------------------------------------------------------------------------------------------------
// Calendar. Local dates are plain day numbers (days since 1970-01-01 of the wall calendar), which keeps
// the day loops cheap; only turning a wall time into an instant needs the time zone.

function dayOf(isoDate) {
  const [year, month, day] = isoDate.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoDateOf(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
function weekdayOf(day) {
  return new Date(day * DAY_MS).getUTCDay();
}

const SPAN_START = dayOf('2024-01-01');
const SPAN_END = dayOf('2025-12-31');
const SPAN_YEARS = [2024, 2025];
const WEEKDAYS = [1, 2, 3, 4, 5];

function nthWeekdayOfMonth(year, month, weekday, n) {
  const first = dayOf(`${year}-${String(month).padStart(2, '0')}-01`);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

function lastWeekdayOfMonth(year, month, weekday) {
  const nextMonthFirst = month === 12 ? dayOf(`${year + 1}-01-01`) : dayOf(`${year}-${String(month + 1).padStart(2, '0')}-01`);
  const last = nextMonthFirst - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Fixed-date holidays falling on a weekend are observed on the nearest weekday, as federal offices do. */
function observed(year, month, dayOfMonth) {
  const day = dayOf(`${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`);
  const weekday = weekdayOf(day);
  if (weekday === 6) return day - 1;
  if (weekday === 0) return day + 1;
  return day;
}

/** The center closes on the big holidays and runs a skeleton crew on the smaller ones. */
function holidayCalendar(years) {
  const closed = new Set();
  const light = new Set();
  for (const year of years) {
    closed.add(observed(year, 1, 1)); // New Year's Day
    closed.add(lastWeekdayOfMonth(year, 5, 1)); // Memorial Day
    closed.add(observed(year, 7, 4)); // Independence Day
    closed.add(nthWeekdayOfMonth(year, 9, 1, 1)); // Labor Day
    closed.add(nthWeekdayOfMonth(year, 11, 4, 4)); // Thanksgiving
    closed.add(observed(year, 12, 25)); // Christmas Day
    light.add(nthWeekdayOfMonth(year, 1, 1, 3)); // Martin Luther King Jr. Day
    light.add(nthWeekdayOfMonth(year, 2, 1, 3)); // Washington's Birthday
    light.add(observed(year, 6, 19)); // Juneteenth
    light.add(nthWeekdayOfMonth(year, 10, 1, 2)); // Columbus Day
    light.add(observed(year, 11, 11)); // Veterans Day
    light.add(nthWeekdayOfMonth(year, 11, 4, 4) + 1); // the Friday after Thanksgiving
    light.add(dayOf(`${year}-12-24`));
  }
  return { closed, light };
}

const HOLIDAYS = holidayCalendar(SPAN_YEARS);

/** Local days on which the zone's offset changes, i.e. days that are not 24 hours long. */
function dstChangeDays(from, to) {
  const days = [];
  for (let day = from; day <= to; day++) if (uniformOffsetMs(day) === null) days.push(day);
  return days;
}

const uniformOffsetCache = new Map();

/**
 * The zone's UTC offset if it is the same all through the local day, else null (a DST change day).
 * Cached per day so that only the four change days in the span pay for a full Temporal resolution.
 */
function uniformOffsetMs(day) {
  if (uniformOffsetCache.has(day)) return uniformOffsetCache.get(day);
  const start = Temporal.PlainDate.from(isoDateOf(day)).toZonedDateTime(ZONE);
  const next = Temporal.PlainDate.from(isoDateOf(day + 1)).toZonedDateTime(ZONE);
  const offset = next.epochMilliseconds - start.epochMilliseconds === DAY_MS ? start.offsetNanoseconds / 1e6 : null;
  uniformOffsetCache.set(day, offset);
  return offset;
}

/**
 * The instant at which a wall clock in the business zone shows `minuteOfDay` (may run past 1440 into
 * the next days) and `second` on local `day`. Wall times in a spring-forward gap move forward and
 * repeated fall-back times take the earlier instant, which is how a clock-in system would stamp them.
 */
function wallTimeToEpochMs(day, minuteOfDay, second) {
  const carriedDays = Math.floor(minuteOfDay / 1440);
  const localDay = day + carriedDays;
  const minute = minuteOfDay - carriedDays * 1440;
  const offset = uniformOffsetMs(localDay);
  if (offset !== null) return localDay * DAY_MS + minute * MINUTE_MS + second * 1000 - offset;
  return Temporal.PlainDate.from(isoDateOf(localDay))
    .toPlainDateTime({ hour: Math.floor(minute / 60), minute: minute % 60, second })
    .toZonedDateTime(ZONE, { disambiguation: 'compatible' }).epochMilliseconds;
}

function formatInstant(epochMs) {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

// ---------------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: tiny, fast and good enough for synthetic data; the same seed always yields the same stream. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, to derive an independent, stable seed for each account from its id. */
function hashString(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }

  static for(...labels) {
    return new Random(hashString(`${SEED}:${labels.join(':')}`));
  }

  /** integer in [min, max] */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability) {
    return this.next() < probability;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `weights` maps a value to its relative weight; insertion order keeps the draw deterministic. */
  weighted(weights) {
    const entries = Object.entries(weights);
    let remaining = this.next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of entries) {
      remaining -= weight;
      if (remaining < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** Triangular jitter in [-spread, spread]: most people clock in near the scheduled time, a few well off it. */
  jitter(spread) {
    return Math.round((this.next() + this.next() - 1) * spread);
  }

  sample(items, count) {
    const pool = [...items];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, count);
  }
}

// ---------------------------------------------------------------------------------------------------
// People

const FIRST_NAMES = [
  'Maria', 'James', 'Aisha', 'Daniel', 'Priya', 'Michael', 'Keisha', 'Robert', 'Mei', 'David',
  'Fatima', 'Carlos', 'Emily', 'Tyrone', 'Sofia', 'Kevin', 'Hannah', 'Luis', 'Grace', 'Andre',
  'Olivia', 'Marcus', 'Nadia', 'Brian', 'Chloe', 'Javier', 'Rachel', 'Dmitri', 'Tanya', 'Samuel',
  'Leah', 'Omar', 'Jasmine', 'Patrick', 'Yuki', 'Victor', 'Brenda', 'Hector', 'Megan', 'Kwame',
  'Laura', 'Ethan', 'Rosa', 'Gregory', 'Anita', 'Trevor', 'Diana', 'Miguel', 'Shannon', 'Tomas',
  'Ingrid', 'Derek', 'Lucia', 'Raymond', 'Ebony', 'Felix', 'Carmen', 'Nathan', 'Alicia', 'Wesley',
];

const LAST_NAMES = [
  'Lopez', 'Johnson', 'Patel', 'Nguyen', 'Williams', 'Garcia', 'Brown', 'Kim', 'Okafor', 'Miller',
  'Hernandez', 'Davis', 'Chen', 'Rodriguez', 'Wilson', 'Martinez', 'Anderson', 'Singh', 'Taylor', 'Thomas',
  'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark',
  'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'Wright', 'Scott', 'Torres', 'Hill',
  'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Castillo', 'Richardson', 'Mensah', 'Kowalski',
];

/** Hands out people with unique login ids; agent names may repeat, as they do in real rosters. */
class PeopleRegistry {
  constructor(rng) {
    this.rng = rng;
    this.takenIds = new Set();
  }

  newPerson() {
    for (;;) {
      const first = this.rng.pick(FIRST_NAMES);
      const last = this.rng.pick(LAST_NAMES);
      const id = `${first[0].toLowerCase()}.${last.toLowerCase()}${this.rng.int(100, 999)}`;
      if (this.takenIds.has(id)) continue;
      this.takenIds.add(id);
      return { id, name: `${first} ${last}` };
    }
  }

  reserve(id) {
    if (this.takenIds.has(id)) throw new Error(`duplicate account id ${id}`);
    this.takenIds.add(id);
  }
}

// ---------------------------------------------------------------------------------------------------
// Accounts. Each account says when and how its owner works; sessions are derived from that afterwards.

const SHIFTS = {
  day: { startMinute: 8 * 60, lengthMinutes: 8 * 60 + 30 },
  mid: { startMinute: 12 * 60, lengthMinutes: 8 * 60 + 30 },
  evening: { startMinute: 16 * 60, lengthMinutes: 8 * 60 + 30 }, // ends 00:30 the next day
  supervisorDay: { startMinute: 7 * 60 + 45, lengthMinutes: 9 * 60 },
  supervisorMid: { startMinute: 11 * 60 + 45, lengthMinutes: 9 * 60 },
};

const FULL_TIME_TEAMS = { [TEAMS.tax]: 3, [TEAMS.benefits]: 3, [TEAMS.general]: 3, [TEAMS.escalations]: 1 };
const CORE_SITES = { [SITES.springfield]: 45, [SITES.riverside]: 35, [SITES.remote]: 20 };
// Seasonal hires are mostly remote: the buildings are full in peak season.
const SEASONAL_SITES = { [SITES.springfield]: 20, [SITES.riverside]: 25, [SITES.remote]: 55 };

function createAccount(person, fields) {
  return {
    ...person,
    role: 'agent',
    deactivated: null,
    weekdays: WEEKDAYS,
    vacation: new Set(),
    absenceChance: 0.015,
    splitChance: 0,
    forgetDeactivationChance: 0,
    ...fields,
  };
}

function lastWorkDay(account) {
  return Math.max(...account.workPeriods.map((period) => period.to));
}

function firstWorkDay(account) {
  return Math.min(...account.workPeriods.map((period) => period.from));
}

function isWorkingOn(account, day) {
  return account.workPeriods.some((period) => period.from <= day && day <= period.to);
}

/**
 * IT removes an account a few days after its owner's last shift, sometimes never: the forgotten ones
 * are named seats a customer keeps paying for, which the demo should show.
 */
function settleDeactivation(account, rng) {
  const last = lastWorkDay(account);
  if (last >= SPAN_END || rng.chance(account.forgetDeactivationChance)) return;
  const deactivated = last + rng.int(1, 14);
  account.deactivated = deactivated > SPAN_END ? null : deactivated;
}

// Hiring happens in classes ahead of each peak season, not the day someone quits, so headcount sags
// through the summer and is topped up in September and January.
const HIRING_CLASSES = ['2024-01-22', '2024-09-09', '2025-01-21', '2025-09-08'].map(dayOf);
const RECRUITING_LEAD_DAYS = 14;

function nextHiringClass(afterDay) {
  return HIRING_CLASSES.find((day) => day >= afterDay + RECRUITING_LEAD_DAYS) ?? null;
}

/** Paid time off: one week, usually in summer or around the holidays, plus scattered single days, never in tax season. */
function planVacation(rng, yearlyWeeks, yearlySingleDays) {
  const vacation = new Set();
  const blackout = (day) => {
    const date = isoDateOf(day).slice(5);
    return date >= '02-01' && date <= '04-20';
  };
  for (const year of SPAN_YEARS) {
    for (let week = 0; week < yearlyWeeks; week++) {
      const month = Number(rng.weighted({ 5: 1, 6: 3, 7: 4, 8: 3, 9: 1, 10: 1, 12: 2 }));
      const monday = nthWeekdayOfMonth(year, month, 1, rng.int(1, 4));
      for (let offset = 0; offset < 5; offset++) vacation.add(monday + offset);
    }
    let singles = 0;
    while (singles < yearlySingleDays) {
      const day = dayOf(`${year}-01-01`) + rng.int(0, 364);
      if (weekdayOf(day) === 0 || weekdayOf(day) === 6 || blackout(day) || vacation.has(day)) continue;
      vacation.add(day);
      singles++;
    }
  }
  return vacation;
}

/**
 * Builds a standing workforce (full-timers, part-timers or supervisors) with turnover: each leaver is
 * replaced at the next hiring class, and the replacement may leave in turn.
 */
function buildStandingStaff(people, rng, { headcount, departureChanceOverSpan, makeAccount }) {
  const accounts = [];
  const hire = (hireDay, created) => {
    const account = makeAccount(people.newPerson(), hireDay, created);
    accounts.push(account);
    const remainingShare = (SPAN_END - hireDay) / (SPAN_END - SPAN_START);
    if (!rng.chance(departureChanceOverSpan * remainingShare)) return;
    const leaveDay = rng.int(hireDay + 30, SPAN_END);
    account.workPeriods = account.workPeriods
      .map((period) => ({ from: period.from, to: Math.min(period.to, leaveDay) }))
      .filter((period) => period.from <= period.to);
    const replacementDay = nextHiringClass(leaveDay);
    // Accounts are provisioned a week before the first shift so that training logins work.
    if (replacementDay !== null) hire(replacementDay, replacementDay - 7);
  };
  for (let i = 0; i < headcount; i++) hire(SPAN_START, rng.int(dayOf('2017-01-09'), dayOf('2023-12-15')));
  return accounts;
}

function buildFullTimers(people, rng) {
  return buildStandingStaff(people, rng, {
    headcount: 250,
    departureChanceOverSpan: 0.34,
    makeAccount: (person, hireDay, created) => createAccount(person, {
      kind: 'full-time',
      team: rng.weighted(FULL_TIME_TEAMS),
      site: rng.weighted(CORE_SITES),
      created,
      workPeriods: [{ from: hireDay, to: Infinity }],
      shift: SHIFTS[rng.weighted({ day: 45, mid: 35, evening: 20 })],
      vacation: planVacation(rng, 1, 5),
      splitChance: 0.03,
      forgetDeactivationChance: 0.12,
    }),
  });
}

/** Part-timers who are students pause for the summer; their accounts stay provisioned meanwhile. */
function withSummerBreaks(period) {
  const pieces = [];
  let from = period.from;
  for (const year of SPAN_YEARS) {
    const breakStart = dayOf(`${year}-05-24`);
    const breakEnd = dayOf(`${year}-08-30`);
    if (breakEnd < from || breakStart > period.to) continue;
    if (breakStart > from) pieces.push({ from, to: breakStart - 1 });
    from = breakEnd + 1;
  }
  if (from <= period.to) pieces.push({ from, to: period.to });
  return pieces;
}

function buildPartTimers(people, rng) {
  return buildStandingStaff(people, rng, {
    headcount: 80,
    departureChanceOverSpan: 0.4,
    makeAccount: (person, hireDay, created) => {
      const period = { from: hireDay, to: Infinity };
      return createAccount(person, {
        kind: 'part-time',
        team: rng.weighted({ [TEAMS.tax]: 2, [TEAMS.benefits]: 2, [TEAMS.general]: 3 }),
        site: rng.weighted(CORE_SITES),
        created,
        workPeriods: rng.chance(0.35) ? withSummerBreaks(period) : [period],
        weekdays: rng.sample(WEEKDAYS, rng.int(2, 3)).sort(),
        shift: {
          startMinute: Number(rng.weighted({ 540: 2, 600: 2, 780: 3, 1020: 2 })),
          lengthMinutes: rng.pick([240, 270, 300]),
        },
        vacation: planVacation(rng, 0, 4),
        forgetDeactivationChance: 0.12,
      });
    },
  });
}

function buildSupervisors(people, rng) {
  const teams = [TEAMS.tax, TEAMS.tax, TEAMS.tax, TEAMS.tax, TEAMS.benefits, TEAMS.benefits, TEAMS.benefits, TEAMS.benefits,
    TEAMS.general, TEAMS.general, TEAMS.general, TEAMS.general, TEAMS.escalations, TEAMS.escalations, TEAMS.escalations];
  let next = 0;
  return buildStandingStaff(people, rng, {
    headcount: teams.length,
    departureChanceOverSpan: 0.12,
    makeAccount: (person, hireDay, created) => createAccount(person, {
      kind: 'supervisor',
      role: 'supervisor',
      team: teams[next++ % teams.length],
      site: rng.weighted({ [SITES.springfield]: 1, [SITES.riverside]: 1 }),
      created,
      workPeriods: [{ from: hireDay, to: Infinity }],
      shift: rng.chance(0.6) ? SHIFTS.supervisorDay : SHIFTS.supervisorMid,
      vacation: planVacation(rng, 1, 5),
      splitChance: 0.02,
    }),
  });
}

/**
 * One seasonal program (tax season or open enrollment): a cohort per season, part of it rehired from
 * the previous season under the same account, the rest new people.
 */
function buildSeasonalCohorts(people, rng, { kind, seasons, cohortSize, returningShare, team, startDay, endDay }) {
  const accounts = [];
  let finishedLastSeason = [];
  for (const season of seasons) {
    const returning = rng.sample(finishedLastSeason, Math.round(cohortSize * returningShare));
    const cohort = [...returning];
    while (cohort.length < cohortSize) {
      const account = createAccount(people.newPerson(), {
        kind,
        team: rng.chance(0.85) ? team : TEAMS.general,
        site: rng.weighted(SEASONAL_SITES),
        workPeriods: [],
        shift: rng.chance(0.6) ? SHIFTS.day : SHIFTS.mid,
        absenceChance: 0.02,
      });
      accounts.push(account);
      cohort.push(account);
    }
    finishedLastSeason = [];
    for (const account of cohort) {
      const from = startDay(season, rng);
      // A few seasonal hires quit within weeks and are not asked back. A season that began before the
      // span is only seen through its last weeks, so its quitters would be invisible: skip them there.
      const quits = from >= SPAN_START && rng.chance(0.08);
      account.workPeriods.push({ from, to: quits ? from + rng.int(10, 40) : endDay(season, rng) });
      if (!quits) finishedLastSeason.push(account);
    }
  }
  for (const account of accounts) account.created = firstWorkDay(account) - rng.int(3, 8);
  return accounts;
}

function buildTaxSeasonStaff(people, rng) {
  return buildSeasonalCohorts(people, rng, {
    kind: 'tax-season',
    seasons: [2024, 2025],
    cohortSize: 90,
    returningShare: 0.5,
    team: TEAMS.tax,
    // Two training classes: mid-January, and a larger one for the February ramp-up.
    startDay: (year, r) => (r.chance(0.45) ? dayOf(`${year}-01-13`) + r.int(0, 4) : dayOf(`${year}-01-29`) + r.int(0, 10)),
    endDay: (year, r) => dayOf(`${year}-04-15`) + r.int(0, 10),
  });
}

function buildOpenEnrollmentStaff(people, rng) {
  return buildSeasonalCohorts(people, rng, {
    kind: 'open-enrollment',
    // The 2023 cohort is already working when the span opens, so January 2024 sees its tail.
    seasons: [2023, 2024, 2025],
    cohortSize: 70,
    returningShare: 0.5,
    team: TEAMS.benefits,
    startDay: (year, r) => dayOf(`${year}-10-30`) + r.int(0, 6),
    endDay: (year, r) => dayOf(`${year + 1}-01-15`) - r.int(0, 10),
  });
}

/** Shared logins used by trainers and QA; their usage is real but is not an agent's. */
function buildTestAccounts(people) {
  const specs = [
    ['test.trainer01', 'Training Account 01'],
    ['test.trainer02', 'Training Account 02'],
    ['test.qa01', 'QA Test Account'],
    ['test.load01', 'Load Test Account'],
    ['test.demo01', 'Demo Account'],
  ];
  return specs.map(([id, name]) => {
    people.reserve(id);
    return createAccount({ id, name }, {
      kind: 'test',
      role: 'test',
      team: TEAMS.general,
      site: SITES.springfield,
      created: dayOf('2022-06-01'),
      workPeriods: [],
    });
  });
}

/**
 * Accounts provisioned for people who never took a call: no-shows from hiring classes and seasons, and
 * next tax season's hires set up in December. They exist only in the roster.
 */
function buildNeverActiveAccounts(people, rng) {
  const accounts = [];
  const add = (count, team, created, deactivate) => {
    for (let i = 0; i < count; i++) {
      const createdDay = created(rng);
      const deactivated = deactivate(createdDay, rng);
      accounts.push(createAccount(people.newPerson(), {
        kind: 'never-active',
        team,
        site: rng.weighted(SEASONAL_SITES),
        created: createdDay,
        deactivated: deactivated !== null && deactivated <= SPAN_END ? deactivated : null,
        workPeriods: [],
      }));
    }
  };
  const classNoShowCleanup = (created, r) => (r.chance(0.3) ? null : created + r.int(20, 60));
  add(15, TEAMS.general, (r) => r.pick(HIRING_CLASSES) - 7, classNoShowCleanup);
  add(8, TEAMS.tax, (r) => dayOf(`${r.pick(SPAN_YEARS)}-01-08`) + r.int(0, 20), (created, r) => created + r.int(90, 110));
  add(5, TEAMS.benefits, (r) => dayOf(`${r.pick(SPAN_YEARS)}-10-24`) + r.int(0, 7), (created, r) => created + r.int(75, 90));
  add(12, TEAMS.tax, (r) => dayOf('2025-12-08') + r.int(0, 11), () => null);
  return accounts;
}

// ---------------------------------------------------------------------------------------------------
// Sessions

const LUNCH_BREAK_MIN_SHIFT_MINUTES = 8 * 60;

/** One shift becomes one session, or two when the agent logs out over lunch (only full shifts have a lunch). */
function shiftSessions(account, day, shift, rng) {
  // Clock-in habits vary by up to 15 minutes, but a 20-minute QA check cannot drift that much.
  const spread = Math.min(15, Math.floor(shift.lengthMinutes / 4));
  const start = shift.startMinute + rng.jitter(spread);
  const end = shift.startMinute + shift.lengthMinutes + rng.jitter(spread);
  const spans = [];
  if (shift.lengthMinutes >= LUNCH_BREAK_MIN_SHIFT_MINUTES && rng.chance(account.splitChance)) {
    const lunchOut = shift.startMinute + 240 + rng.jitter(20);
    spans.push([start, lunchOut], [lunchOut + rng.int(30, 60), end]);
  } else {
    spans.push([start, end]);
  }
  return spans.map(([fromMinute, toMinute]) => ({
    account,
    login: wallTimeToEpochMs(day, fromMinute, rng.int(0, 59)),
    logout: wallTimeToEpochMs(day, toMinute, rng.int(0, 59)),
  }));
}

function worksScheduledShift(account, day, rng) {
  if (!account.weekdays.includes(weekdayOf(day))) return false;
  if (HOLIDAYS.closed.has(day) || account.vacation.has(day)) return false;
  if (HOLIDAYS.light.has(day) && !rng.chance(0.3)) return false;
  return !rng.chance(account.absenceChance);
}

function scheduledSessions(account) {
  const rng = Random.for(account.id, 'schedule');
  const sessions = [];
  for (const period of account.workPeriods) {
    const to = Math.min(period.to, SPAN_END);
    for (let day = Math.max(period.from, SPAN_START); day <= to; day++) {
      if (worksScheduledShift(account, day, rng)) sessions.push(...shiftSessions(account, day, account.shift, rng));
    }
  }
  return sessions;
}

const WEEKEND_SHIFT = { startMinute: 9 * 60, lengthMinutes: 6 * 60 };

/** Who may be asked to cover a peak-season weekend day: that season's hires and the matching core team. */
function weekendCoverPool(accounts, day) {
  const date = isoDateOf(day).slice(5);
  const taxSeason = date >= '01-15' && date <= '04-20';
  const seasonKind = taxSeason ? 'tax-season' : 'open-enrollment';
  const coreTeam = taxSeason ? TEAMS.tax : TEAMS.benefits;
  return accounts.filter((account) => isWorkingOn(account, day) && account.shift !== SHIFTS.evening
    && (account.kind === seasonKind || (account.kind === 'full-time' && account.team === coreTeam)));
}

/**
 * A few agents cover Saturdays through tax season and the first weeks of open enrollment, and Sundays
 * in the busiest weeks of both. Those Sundays include the DST change days, which an importer must get right.
 */
function weekendSessions(accounts) {
  const rng = Random.for('weekend-cover');
  const sessions = [];
  for (let day = SPAN_START; day <= SPAN_END; day++) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) continue;
    const date = isoDateOf(day).slice(5);
    const saturdayCover = weekday === 6 && ((date >= '01-20' && date <= '04-19') || (date >= '11-01' && date <= '12-20'));
    const sundayCover = weekday === 0 && ((date >= '03-01' && date <= '04-15') || (date >= '11-01' && date <= '12-15'));
    if (!saturdayCover && !sundayCover) continue;
    for (const account of rng.sample(weekendCoverPool(accounts, day), saturdayCover ? rng.int(4, 7) : rng.int(2, 4))) {
      sessions.push(...shiftSessions(account, day, WEEKEND_SHIFT, rng));
    }
  }
  return sessions;
}

const DST_NIGHT_SHIFT = { startMinute: 20 * 60, lengthMinutes: 8 * 60 }; // 20:00 to 04:00 on the wall clock

/**
 * On the Saturday nights when the clocks change, a couple of Escalations agents work a backlog shift
 * straight through the transition: 8 wall-clock hours that last 7 hours in spring and 9 in autumn.
 */
function dstNightSessions(accounts) {
  const rng = Random.for('dst-nights');
  const escalations = accounts.filter((account) => account.kind === 'full-time' && account.team === TEAMS.escalations
    && account.shift === SHIFTS.evening);
  const sessions = [];
  for (const changeDay of dstChangeDays(SPAN_START, SPAN_END)) {
    const saturday = changeDay - 1;
    const crew = rng.sample(escalations.filter((account) => isWorkingOn(account, saturday)), 2);
    for (const account of crew) sessions.push(...shiftSessions(account, saturday, DST_NIGHT_SHIFT, rng));
  }
  return sessions;
}

/**
 * Trainers log in on the shared training accounts while a class is onboarding; QA checks each monthly
 * release on its Tuesday; the load-test account runs once a quarter. test.demo01 never logs in.
 */
function testAccountSessions(testAccounts, onboardingDays) {
  const byId = new Map(testAccounts.map((account) => [account.id, account]));
  const rng = Random.for('test-accounts');
  const sessions = [];
  const session = (id, day, startMinute, lengthMinutes) => {
    sessions.push(...shiftSessions(byId.get(id), day, { startMinute, lengthMinutes }, rng));
  };
  for (const day of onboardingDays) {
    if (rng.chance(0.85)) session('test.trainer01', day, 9 * 60, 180);
    if (rng.chance(0.6)) session('test.trainer02', day, 13 * 60, 150);
  }
  for (const year of SPAN_YEARS) {
    for (let month = 1; month <= 12; month++) {
      const releaseDay = nthWeekdayOfMonth(year, month, 2, 2);
      session('test.qa01', releaseDay, 7 * 60, rng.int(20, 45));
      if (rng.chance(0.5)) session('test.qa01', releaseDay, 18 * 60 + 30, rng.int(15, 30));
      if (month % 3 === 0) session('test.load01', nthWeekdayOfMonth(year, month, 6, 1), 6 * 60, rng.int(60, 120));
    }
  }
  return sessions;
}

/** Weekdays in the first two weeks after anyone's first shift: that is when the trainers are busy. */
function onboardingDaysOf(accounts) {
  const days = new Set();
  for (const account of accounts) {
    for (const period of account.workPeriods) {
      // Staff already working when the span opens were not onboarding then.
      if (period.from === SPAN_START) continue;
      for (let day = period.from; day < period.from + 14; day++) {
        const weekday = weekdayOf(day);
        if (day >= SPAN_START && day <= SPAN_END && weekday >= 1 && weekday <= 5 && !HOLIDAYS.closed.has(day)) days.add(day);
      }
    }
  }
  return [...days].sort((a, b) => a - b);
}

function compareSessions(a, b) {
  if (a.login !== b.login) return a.login - b.login;
  return a.account.id < b.account.id ? -1 : a.account.id > b.account.id ? 1 : 0;
}

/** Guards the promises the dataset makes, so a tweak to the story cannot silently break them. */
function assertSessionsSound(sessions) {
  const lastLogoutById = new Map();
  for (const session of sessions) {
    if (!(session.logout > session.login)) {
      throw new Error(`${session.account.id}: logout ${formatInstant(session.logout)} is not after login ${formatInstant(session.login)}`);
    }
  }
  const byAgentThenLogin = [...sessions].sort((a, b) => (a.account.id === b.account.id ? a.login - b.login : a.account.id < b.account.id ? -1 : 1));
  for (const session of byAgentThenLogin) {
    const previousLogout = lastLogoutById.get(session.account.id);
    if (previousLogout !== undefined && session.login < previousLogout) {
      throw new Error(`${session.account.id}: overlapping sessions at ${formatInstant(session.login)}`);
    }
    lastLogoutById.set(session.account.id, session.logout);
  }
}

// ---------------------------------------------------------------------------------------------------
// Output

function csvField(value) {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(fields) {
  return `${fields.map(csvField).join(',')}\n`;
}

function sessionsCsv(sessions) {
  const lines = [csvLine(SESSIONS_HEADER)];
  for (const { account, login, logout } of sessions) {
    lines.push(csvLine([account.id, account.name, account.team, account.site, account.role, formatInstant(login), formatInstant(logout)]));
  }
  return lines.join('');
}

function rosterCsv(accounts) {
  const lines = [csvLine(ROSTER_HEADER)];
  const sorted = [...accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const account of sorted) {
    lines.push(csvLine([account.id, account.name, account.team, account.site, account.role, isoDateOf(account.created),
      account.deactivated === null ? '' : isoDateOf(account.deactivated)]));
  }
  return lines.join('');
}

/**
 * gzip with a fixed header: Node writes mtime 0 already, but the OS byte is whatever zlib was built for
 * (3 on Unix, 10 on Windows), so pin it to Unix to keep the file identical wherever it is generated.
 */
function gzipDeterministic(text) {
  const bytes = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  bytes[9] = 3;
  return bytes;
}

// ---------------------------------------------------------------------------------------------------
// Summary: the same numbers the app should show after importing the files.

const monthFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' });
const monthByUtcHour = new Map();

/** Local month (YYYY-MM) of an instant; the zone never changes offset within a UTC hour, so cache per hour. */
function localMonthOf(epochMs) {
  const hour = Math.floor(epochMs / 3_600_000);
  let month = monthByUtcHour.get(hour);
  if (month === undefined) {
    month = monthFormatter.format(new Date(hour * 3_600_000));
    monthByUtcHour.set(hour, month);
  }
  return month;
}

function monthlyActiveAgents(sessions) {
  const agentsByMonth = new Map();
  for (const { account, login } of sessions) {
    const month = localMonthOf(login);
    if (!agentsByMonth.has(month)) agentsByMonth.set(month, new Set());
    agentsByMonth.get(month).add(account.id);
  }
  return new Map([...agentsByMonth].map(([month, agents]) => [month, agents.size]));
}

/** Highest number of simultaneously logged-in agents per local month, by a sweep over login/logout edges. */
function monthlyPeakConcurrent(sessions) {
  const edges = [];
  for (const { login, logout } of sessions) edges.push([login, 1], [logout, -1]);
  // A logout and a login at the same second are a hand-over, not an overlap: apply the logout first.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const peaks = new Map();
  let concurrent = 0;
  for (const [time, change] of edges) {
    concurrent += change;
    const month = localMonthOf(time);
    if (concurrent > (peaks.get(month) ?? 0)) peaks.set(month, concurrent);
  }
  return peaks;
}

function summarize(accounts, sessions, gzBytes) {
  const active = monthlyActiveAgents(sessions);
  const peaks = monthlyPeakConcurrent(sessions);
  const months = [...active.keys()].sort();
  return {
    rosterAccounts: accounts.length,
    sessionRows: sessions.length,
    distinctActiveAgents: new Set(sessions.map((session) => session.account.id)).size,
    gzBytes,
    months: months.map((month) => ({ month, activeAgents: active.get(month), peakConcurrent: peaks.get(month) ?? 0 })),
  };
}

function countBy(accounts, key) {
  const counts = new Map();
  for (const account of accounts) counts.set(account[key], (counts.get(account[key]) ?? 0) + 1);
  return counts;
}

function readmeText(accounts, summary) {
  const kinds = countBy(accounts, 'kind');
  const roles = countBy(accounts, 'role');
  const table = summary.months.map(({ month, activeAgents, peakConcurrent }) => `| ${month} | ${activeAgents} | ${peakConcurrent} |`).join('\n');
  return `# Seatcast demo dataset

This folder holds a made-up dataset for trying Seatcast without real data. It describes Tri-County
Benefits & Tax Assistance, a fictional public call center that answers questions about state tax
returns and benefit enrollment. Every person, name and login in it is invented.

The data covers the local dates 2024-01-01 to 2025-12-31. The business time zone is
America/New_York. Shifts were planned on the local wall clock and then converted to UTC instants,
so the same 08:00 shift starts at 13:00Z in winter and at 12:00Z in summer.

## Files

- \`${SESSIONS_FILE}\` is a gzip-compressed CSV with one row per login session, sorted by
  login time and then by agent id. The columns are
  \`${SESSIONS_HEADER.join(',')}\`. Login and logout are UTC instants
  written as \`YYYY-MM-DDTHH:MM:SSZ\`, and every logout is later than its login. It has
  ${summary.sessionRows} sessions by ${summary.distinctActiveAgents} distinct accounts.
- \`${ROSTER_FILE}\` lists every provisioned account, which is the named-seat base, with the
  columns \`${ROSTER_HEADER.join(',')}\`. Dates are local dates. An empty
  \`deactivated\` means the account was still enabled at the end of 2025. It has
  ${summary.rosterAccounts} accounts.

## Who is in it

- ${kinds.get('full-time')} full-time agents, with about 250 employed at any one time. They work five weekdays a week
  on a day shift (08:00 to 16:30), a mid shift (12:00 to 20:30) or an evening shift (16:00 to 00:30,
  which ends after midnight). Logins and logouts vary by up to 15 minutes. Now and then someone logs
  out over lunch and back in, which splits the day into two sessions. Each agent takes about ten
  vacation days a year, mostly in summer and never in tax season. Some agents leave during the two
  years. Their replacements join in hiring classes in January and September, so headcount dips over
  the summer.
- ${kinds.get('part-time')} part-time agents, with about 80 at a time. They work 4 to 5 hour shifts on two or three
  fixed weekdays. About a third of them are students who stop working from late May to the end of
  August. Their accounts stay enabled during that break.
- ${kinds.get('tax-season')} tax-season accounts. Each year a cohort of 90 starts between mid-January and early
  February and works until about April 20. Half of the 2025 cohort came back from 2024 under the same
  login.
- ${kinds.get('open-enrollment')} open-enrollment accounts. Each year a cohort of 70 works from about November 1 to
  mid-January. The 2023 cohort shows up only in early January 2024, and the 2025 cohort is still
  working when the data ends.
- ${roles.get('supervisor')} supervisors (role \`supervisor\`) and ${roles.get('test')} shared training and test accounts (role \`test\`,
  for example \`test.trainer01\`). The trainers log in while new hires are onboarding. \`test.demo01\`
  never logs in.
- ${kinds.get('never-active')} accounts that were created but never used. They are no-shows from hiring classes, and
  hires for the 2026 tax season who were set up in December 2025.

The center closes on New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving and
Christmas. It runs a skeleton crew on the smaller federal holidays, the day after Thanksgiving and
Christmas Eve. A few agents cover Saturdays during tax season and early open enrollment, and Sundays
in the busiest weeks of both. Those Sundays include all four DST change days. On each Saturday night
when the clocks change, two Escalations agents work a 20:00 to 04:00 backlog shift across the
transition. That shift lasts 7 real hours in March and 9 in November.

Some accounts of people who left were never deactivated. A customer on a named-seat plan keeps
paying for those, and the roster shows them.

## Monthly figures

Active agents are the distinct accounts with a session that starts in the local month. Peak
concurrent is the largest number of sessions open at the same instant during that month. Both
numbers include supervisors and test accounts. January has the most active agents of any month,
because the departing open-enrollment cohort and the arriving tax-season cohort both log in that
month. They rarely work on the same days, so January's peak concurrency stays below February's.

| month | active agents | peak concurrent |
|---|---|---|
${table}

## Regenerating

Run \`npm run demo:generate\`, or run \`node scripts/generate-demo.mjs --out DIR\` to write the files
somewhere else. The generator uses a fixed seed and never reads the clock, so every run produces
identical files. \`tests/scripts/generate-demo.test.ts\` checks that the committed files still match
the generator's output.
`;
}

function printSummary(summary) {
  const lines = [
    `roster accounts:        ${summary.rosterAccounts}`,
    `session rows:           ${summary.sessionRows}`,
    `distinct active agents: ${summary.distinctActiveAgents}`,
    `${SESSIONS_FILE}:  ${summary.gzBytes} bytes`,
    '',
    'month    active  peak',
    ...summary.months.map(({ month, activeAgents, peakConcurrent }) =>
      `${month}  ${String(activeAgents).padStart(6)}  ${String(peakConcurrent).padStart(4)}`),
  ];
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------------

function parseOutDir(argv) {
  const index = argv.indexOf('--out');
  if (index === -1) return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'demo');
  const value = argv[index + 1];
  if (!value) throw new Error('--out needs a directory');
  return path.resolve(value);
}

function buildPopulation() {
  const rng = Random.for('population');
  const people = new PeopleRegistry(rng);
  const working = [
    ...buildFullTimers(people, rng),
    ...buildPartTimers(people, rng),
    ...buildSupervisors(people, rng),
    ...buildTaxSeasonStaff(people, rng),
    ...buildOpenEnrollmentStaff(people, rng),
  ];
  for (const account of working) settleDeactivation(account, rng);
  const testAccounts = buildTestAccounts(people);
  const neverActive = buildNeverActiveAccounts(people, rng);
  return { working, testAccounts, all: [...working, ...testAccounts, ...neverActive] };
}

function buildSessions({ working, testAccounts }) {
  const sessions = [
    ...working.flatMap(scheduledSessions),
    ...weekendSessions(working),
    ...dstNightSessions(working),
    ...testAccountSessions(testAccounts, onboardingDaysOf(working)),
  ];
  sessions.sort(compareSessions);
  assertSessionsSound(sessions);
  return sessions;
}

function main() {
  const outDir = parseOutDir(process.argv.slice(2));
  const population = buildPopulation();
  const sessions = buildSessions(population);
  const gz = gzipDeterministic(sessionsCsv(sessions));
  const summary = summarize(population.all, sessions, gz.length);

  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, SESSIONS_FILE), gz);
  writeFileSync(path.join(outDir, ROSTER_FILE), rosterCsv(population.all));
  writeFileSync(path.join(outDir, README_FILE), readmeText(population.all, summary));
  printSummary(summary);
}

main();
