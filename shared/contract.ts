/**
 * The one API contract between the UI and the engine.
 *
 * Each method name (`domain:verb`) maps to a zod request and response schema. Three transports
 * are built from this table and nothing else: Electron IPC (preload + main), in-process calls
 * (CLI, tests) and the loopback HTTP bridge (`npm run preview`). A method added here appears in
 * all three; a transport never invents a channel of its own.
 */
import { z } from 'zod';
import { PRESET_IDS } from './import/presets/ids';
import { ActivityDefinition } from './metrics/activity';
import { CohortRules, COHORTS } from './metrics/cohorts';
import { Scenario } from './forecast/scenario';
import { Plan } from './pricing/plan';
import { reportMethods } from './report/contract';
import { databaseMethods } from './db-contract';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export const Theme = z.enum(['system', 'light', 'dark']);

export const Preferences = z.object({
  /** IANA zone in which local days and months are counted (the business time zone). */
  timeZone: z.string().min(1),
  /** ISO 4217 currency code used for money. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code such as USD'),
  /** BCP 47 locale for dates and numbers. */
  locale: z.string().min(2),
  theme: Theme,
});
export type Preferences = z.infer<typeof Preferences>;

export const AppInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  databasePath: z.string(),
  /** True while the only data in the database is the bundled demo dataset. */
  demoOnly: z.boolean(),
  sessionCount: z.number().int(),
  agentCount: z.number().int(),
  /** Which transport the UI is talking through, for the About box. */
  runtime: z.enum(['desktop', 'preview', 'in-process']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const StagedFile = z.object({
  fileId: z.string(),
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});
export type StagedFile = z.infer<typeof StagedFile>;

export const ImportFormat = z.enum(['auto', 'generic-csv']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/**
 * Every format an import may ask for: `auto` or any preset id (shared/import/presets/ids.ts).
 * A superset of ImportFormat, which stays the short list the import screen offers today.
 */
export const ImportFormatId = z.enum(['auto', ...PRESET_IDS]);
export type ImportFormatId = z.infer<typeof ImportFormatId>;

export const DateOrder = z.enum(['MDY', 'DMY', 'YMD']);

const columnIndex = z.number().int().min(0).max(999);

/**
 * A user's column mapping for the generic preset (the import wizard), accepted by
 * `imports:preview` and `imports:start`. Column numbers are 0-based.
 */
export const ImportMapping = z
  .object({
    columns: z
      .object({
        agent: columnIndex.optional(),
        name: columnIndex.optional(),
        login: columnIndex.optional(),
        logout: columnIndex.optional(),
        duration: columnIndex.optional(),
        team: columnIndex.optional(),
        site: columnIndex.optional(),
        program: columnIndex.optional(),
        role: columnIndex.optional(),
      })
      .strict()
      .optional(),
    hasHeader: z.boolean().optional(),
    /** Banner lines above the header (or the data) to skip. */
    skipLines: z.number().int().min(0).max(1000).optional(),
    /** Declared clock: a time without AM/PM in a 12-hour file (or with it in a 24-hour file) is a row error. */
    clock: z.enum(['12h', '24h']).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).optional(),
  })
  .strict();
export type ImportMapping = z.infer<typeof ImportMapping>;

const PreviewReading = z.object({
  kind: z.enum(['session', 'event', 'interval']),
  agent: z.string(),
  name: z.string().nullable(),
  team: z.string().nullable(),
  site: z.string().nullable(),
  program: z.string().nullable(),
  role: z.string().nullable(),
  /** Login (or event time, or status start) as an ISO instant, and as wall time in the import's zone. */
  start: z.string(),
  startLocal: z.string(),
  end: z.string().nullable(),
  endLocal: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** For events and status intervals: the state, and whether it counts as logged in. */
  state: z.string().nullable(),
  loggedIn: z.boolean().nullable(),
  /** A wall time fell in a DST gap or repeated hour and was resolved. */
  dstResolved: z.boolean(),
});

/** What `imports:preview` shows before anything is written. */
export const ImportPreview = z.object({
  file: z.string(),
  container: z.enum(['delimited', 'json']),
  encoding: z.string(),
  /** The delimiter the rows were split with (null for JSON). */
  delimiter: z.string().nullable(),
  /** The best automatic match, or null when no preset recognises the file. */
  detected: z
    .object({ id: z.string(), label: z.string(), confidence: z.number(), reason: z.string() })
    .nullable(),
  /** The preset the preview (and an import with the same options) reads the file with, or null when it cannot be read yet. */
  preset: z
    .object({
      id: z.string(),
      label: z.string(),
      platform: z.string(),
      /** instants | import-zone | standard-offset | utc: how its naive timestamps are placed in time. */
      timeZonePolicy: z.string(),
      reconstruction: z.enum(['sessions', 'points', 'intervals']),
    })
    .nullable(),
  /** Every preset the user may pick for this file: those that recognise it carry a confidence. */
  alternatives: z.array(z.object({ id: z.string(), label: z.string(), confidence: z.number().nullable() })),
  /** Header names, or "Column 1".."Column N" (JSON: the first record's fields). */
  columns: z.array(z.string()),
  /** The mapping in effect for the generic preset (null for platform presets). */
  mapping: ImportMapping.required({ hasHeader: true, skipLines: true }).nullable(),
  /** Where that mapping came from: recognised headers, one saved for files of this shape, or the request. */
  mappingSource: z.enum(['detected', 'remembered', 'request']).nullable(),
  /** When a remembered mapping matched: when it was saved, with its date order and zone. */
  remembered: z
    .object({ savedAt: z.string(), dateOrder: DateOrder.nullable(), timeZone: z.string().nullable() })
    .nullable(),
  /** The zone naive timestamps were read in for the preview. */
  timeZone: z.string(),
  dateOrder: DateOrder,
  /** State-stream presets: the logged-in states in effect, and the states seen in the previewed rows. */
  states: z
    .object({
      loggedIn: z.array(z.string()),
      loggedOut: z.array(z.string()),
      /** What a state in neither list counts as. */
      otherwise: z.enum(['logged-in', 'logged-out']),
      seen: z.array(z.object({ state: z.string(), loggedIn: z.boolean() })),
    })
    .nullable(),
  /** Why the file cannot be read as asked (nothing recognised, a column missing from the mapping…). */
  problem: z.string().nullable(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      /** Raw cells (JSON: the record, compact). */
      cells: z.array(z.string()),
      status: z.enum(['ok', 'skipped', 'ignored', 'error']),
      readings: z.array(PreviewReading),
      /** Every problem found in the row; `column` (0-based) where the field maps to one. */
      errors: z.array(z.object({ field: z.string().nullable(), column: z.number().int().nullable(), message: z.string() })),
    }),
  ),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const RowError = z.object({
  line: z.number().int(),
  field: z.string().optional(),
  message: z.string(),
});
export type RowError = z.infer<typeof RowError>;

/** What every description of an import carries: the file, how it was read, and the counts. */
const ImportFacts = z.object({
  file: z.string(),
  format: z.string(),
  timeZone: z.string(),
  rowsRead: z.number().int(),
  sessionsAdded: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** First login and last logout of the imported sessions (ISO instants). */
  spanStart: z.string().nullable(),
  spanEnd: z.string().nullable(),
  /** How many of the sessions this import added carry each flag (see SessionFlag). */
  flagged: z
    .object({
      /** Open at the export's end: capped at its last timestamp. */
      openCapped: z.number().int(),
      zeroLength: z.number().int(),
      /** A spring-forward gap or fall-back repeated hour was resolved. */
      dstResolved: z.number().int(),
    })
    .optional(),
});

export const ImportSummary = ImportFacts.extend({
  importId: z.number().int().nullable(),
  /** True when the same bytes were imported before: nothing was written. */
  alreadyImported: z.boolean(),
  errors: z.array(RowError),
  /** Records read but deliberately not used (heartbeats, failed sign-ins, duplicate events). */
  ignored: z.number().int().optional(),
  /** Things the user should know about how the file was read (e.g. agents identified by name only). */
  warnings: z.array(z.string()).optional(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const JobState = z.enum(['running', 'done', 'failed', 'cancelled']);
export const Job = z.object({
  jobId: z.string(),
  kind: z.literal('import'),
  fileName: z.string(),
  state: JobState,
  phase: z.enum(['reading', 'saving', 'finished']),
  bytesRead: z.number().int(),
  totalBytes: z.number().int(),
  rowsRead: z.number().int(),
  rowsPerSecond: z.number(),
  result: ImportSummary.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type Job = z.infer<typeof Job>;

export const ImportRecord = ImportFacts.extend({
  importId: z.number().int(),
  sha256: z.string(),
  importedAt: z.string(),
  isDemo: z.boolean(),
  /** The notes the import gave about how the file was read (kept since this field exists). */
  warnings: z.array(z.string()).optional(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

export const MonthlyPeriod = z.object({
  /** First local day of the period, inclusive (YYYY-MM-DD in the business zone). */
  start: isoDay,
  /** First local day after the period, exclusive. */
  end: isoDay,
  /** Distinct agents active in the period (never summed from daily counts). */
  activeAgents: z.number().int(),
  /** Mean over every day of the period of that day's distinct active agents. */
  dailyActiveAvg: z.number(),
  dailyActiveMax: z.number().int(),
  /** Sum over the period's days of each day's distinct active agents. */
  agentDays: z.number().int(),
  peakConcurrent: z.number().int(),
  /**
   * Every rule's peak, keyed by the rule as written (`raw`, `cumulative:30`, …), when several rules
   * were asked for at once; `peakConcurrent` is then the first rule's.
   */
  peakConcurrentByRule: z.record(z.string(), z.number().int()).optional(),
  /** Each agent's overlapping sessions merged, clipped to the period; not rounded up. */
  loggedInHours: z.number(),
  /** Roster accounts provisioned (at the end of the period unless asked otherwise). */
  provisioned: z.number(),
  /** activeAgents ÷ provisioned, or null without a roster. */
  utilisation: z.number().nullable(),
  /** Per team/site/program, when asked (peak concurrency is not broken down). */
  groups: z
    .array(
      z.object({
        group: z.string(),
        activeAgents: z.number().int(),
        dailyActiveMax: z.number().int(),
        agentDays: z.number().int(),
        loggedInHours: z.number(),
      }),
    )
    .optional(),
});
export type MonthlyPeriod = z.infer<typeof MonthlyPeriod>;

export const MonthlyMetrics = z.object({
  timeZone: z.string(),
  /** The rule set, stated next to every number the UI shows. */
  definitions: z.object({
    activity: z.string(),
    concurrency: z.string(),
    cycle: z.string(),
    hours: z.string(),
    provisioned: z.string(),
  }),
  /** The activity definition used, with its saved version (0 for the built-in default or an unsaved one). */
  activityDefinition: ActivityDefinition.extend({ version: z.number().int() }),
  periods: z.array(MonthlyPeriod),
});
export type MonthlyMetrics = z.infer<typeof MonthlyMetrics>;

const Empty = z.object({}).strict();

export const ProjectionReport = z.object({
  plans: z.array(
    z.object({
      name: z.string(),
      currency: z.string(),
      totalCents: z.number().int(),
      notes: z.array(z.string()),
      periods: z.array(
        z.object({
          start: isoDay,
          end: isoDay,
          quantity: z.number(),
          totalCents: z.number().int(),
          invoicedCents: z.number().int(),
          lines: z.array(
            z.object({
              kind: z.string(),
              label: z.string(),
              quantity: z.number(),
              /** Per-unit price in minor units; fractional for sub-cent rates. */
              unitCents: z.number(),
              amountCents: z.number().int(),
              explanation: z.string(),
            }),
          ),
        }),
      ),
    }),
  ),
});
export type ProjectionReport = z.infer<typeof ProjectionReport>;

/** A plan saved in the database; `version` counts saves (send it back to save, see plans:save). */
export const SavedPlan = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  plan: Plan,
  /** The plan paid today: comparisons state savings against it. At most one is current. */
  isCurrent: z.boolean(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedPlan = z.infer<typeof SavedPlan>;

const PlanId = z.object({ id: z.number().int().positive() }).strict();

const MetricsRequest = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    timeZone: z.string().min(1).optional(),
    /**
     * raw | cumulative:N | sustained:N | p95 (default raw), or several of them separated by commas:
     * every period then carries each rule's peak in peakConcurrentByRule.
     */
    concurrency: z
      .string()
      .regex(
        /^(raw|p95|(cumulative|sustained):[1-9]\d{0,4})(,(raw|p95|(cumulative|sustained):[1-9]\d{0,4})){0,15}$/,
        'expected raw, cumulative:N, sustained:N or p95 (or several, separated by commas)',
      )
      .optional(),
    /** The name of a saved activity definition, or a definition given in full. */
    activity: z.union([z.string().min(1), ActivityDefinition]).optional(),
    /** none | ceil-total (the period total rounded up to a whole hour) | increment:N (each session rounded up to N minutes). */
    hoursRounding: z
      .string()
      .regex(/^(none|ceil-total|increment:[1-9]\d{0,3})$/, 'expected none, ceil-total or increment:N')
      .optional(),
    /** Which roster count a period reports as provisioned (default: at its end). */
    provisionedAt: z.enum(['start', 'end', 'max', 'daily-average']).optional(),
    groupBy: z.enum(['team', 'site', 'program']).optional(),
  })
  .strict();

// ------------------------------------------------------------------------------------------------
// Seasons and the hiring planner (issue #6)

const CohortCounts = z.record(z.enum(COHORTS), z.number().int());
const ForecastModel = z.enum(['seasonal-naive', 'holt-winters-additive', 'holt-winters-multiplicative', 'drift']);
const Candidate = z.object({
  model: ForecastModel,
  backtestMape: z.number().nullable(),
  backtestMonths: z.number().int(),
  note: z.string().optional(),
});
const SeriesSummary = z.object({
  model: ForecastModel,
  backtestMape: z.number().nullable(),
  backtestMonths: z.number().int(),
  candidates: z.array(Candidate),
  messages: z.array(z.string()),
});
const ScenarioMonth = z.object({
  start: isoDay,
  end: isoDay,
  activeAgents: z.number().int(),
  activeAgentsLow: z.number().int(),
  activeAgentsHigh: z.number().int(),
  peakConcurrent: z.number().int(),
  loggedInHours: z.number(),
  provisioned: z.number(),
  agentDays: z.number().int(),
  dailyActiveMax: z.number().int(),
  peakConcurrentByRule: z.record(z.string(), z.number()).optional(),
  loggedInHoursByRounding: z.record(z.string(), z.number()).optional(),
  provisionedByBasis: z.record(z.string(), z.number()).optional(),
  added: z.object({
    activeAgents: z.number().int(),
    agentDays: z.number().int(),
    loggedInHours: z.number(),
    peakConcurrent: z.number().int(),
    provisioned: z.number().int(),
  }),
  retained: z.number(),
});
export const ForecastRun = z.object({
  timeZone: z.string(),
  model: ForecastModel,
  modelLabel: z.string(),
  /** Backtest MAPE (percent) of the active-agents series, the one every plan bills by first. */
  backtestMape: z.number().nullable(),
  backtestMonths: z.number().int(),
  intervalLevel: z.number(),
  messages: z.array(z.string()),
  series: z.record(z.string(), SeriesSummary),
  history: z.array(
    z.object({ start: isoDay, activeAgents: z.number().int(), peakConcurrent: z.number().int(), loggedInHours: z.number(), provisioned: z.number() }),
  ),
  baseline: z.array(ScenarioMonth),
  periods: z.array(ScenarioMonth),
  scenario: Scenario,
});
export type ForecastRun = z.infer<typeof ForecastRun>;

export const BudgetRun = z.object({
  months: z.array(isoDay),
  currency: z.string().nullable(),
  plans: z.array(
    z.object({
      name: z.string(),
      currency: z.string(),
      monthly: z.array(z.number().int()),
      cumulative: z.array(z.number().int()),
      quantities: z.array(z.number()),
      totalCents: z.number().int(),
      differenceVsCurrent: z.number().int().nullable(),
      notes: z.array(z.string()),
    }),
  ),
  cheapestPerMonth: z.array(z.object({ start: isoDay, plan: z.string().nullable(), totalCents: z.number().int().nullable() })),
  cheapestYear: z.object({ plan: z.string(), totalCents: z.number().int() }).nullable(),
  currentPlan: z.string().nullable(),
  forecast: ForecastRun,
  notes: z.array(z.string()),
});
export type BudgetRun = z.infer<typeof BudgetRun>;

export const SavedScenario = z.object({
  id: z.number().int(),
  name: z.string(),
  scenario: Scenario,
  created: z.string(),
  updated: z.string(),
});
export type SavedScenario = z.infer<typeof SavedScenario>;

const ForecastRequest = z
  .object({
    timeZone: z.string().min(1).optional(),
    /** First forecast month (any day in it); default the month after the last data. */
    from: isoDay.optional(),
    months: z.number().int().min(1).max(24, 'forecast at most 24 months').default(12),
    /** A scenario in full, or the id of a saved one; none = the forecast alone. */
    scenario: z.union([Scenario, z.number().int().positive()]).optional(),
    activity: z.union([z.string().min(1), ActivityDefinition]).optional(),
  })
  .strict();

export const SeasonsOverview = z.object({
  timeZone: z.string(),
  months: z.array(
    z.object({
      start: isoDay,
      year: z.number().int(),
      month: z.number().int(),
      activeAgents: z.number().int(),
      peakConcurrent: z.number().int(),
      loggedInHours: z.number(),
      provisioned: z.number(),
      yoy: z.object({ activeAgents: z.number().nullable(), peakConcurrent: z.number().nullable(), loggedInHours: z.number().nullable() }),
      joiners: z.number().int().nullable(),
      leavers: z.number().int().nullable(),
    }),
  ),
});
export type SeasonsOverview = z.infer<typeof SeasonsOverview>;

export const CohortReport = z.object({
  rules: CohortRules,
  ruleText: z.array(z.object({ cohort: z.enum(COHORTS), rule: z.string() })),
  dataFirstDay: isoDay.nullable(),
  dataLastDay: isoDay.nullable(),
  totals: CohortCounts,
  months: z.array(z.object({ start: isoDay, counts: CohortCounts })),
  agents: z.array(
    z.object({
      agent: z.string(),
      name: z.string().nullable(),
      team: z.string().nullable(),
      cohort: z.enum(COHORTS),
      reason: z.string(),
      firstActivity: isoDay.nullable(),
      lastActivity: isoDay.nullable(),
      activeMonths: z.number().int(),
      hoursPerWeek: z.number(),
    }),
  ),
});
export type CohortReport = z.infer<typeof CohortReport>;

export const ConcurrencyHeatmap = z.object({
  from: isoDay,
  to: isoDay,
  peak: z.array(z.array(z.number().int())),
  average: z.array(z.array(z.number())),
  max: z.number().int(),
  busiest: z.object({ weekday: z.number().int(), hour: z.number().int(), peak: z.number().int() }).nullable(),
});
export type ConcurrencyHeatmap = z.infer<typeof ConcurrencyHeatmap>;

/** A roster file read into the provisioned accounts (roster:import). */
export const RosterImportSummary = z.object({
  file: z.string(),
  /** generic-csv, okta-users or entra-users: how the columns were recognised. */
  format: z.string(),
  rowsRead: z.number().int(),
  /** Accounts new to the roster, and accounts already there whose dates or names were updated. */
  added: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(RowError),
  warnings: z.array(z.string()),
});
export type RosterImportSummary = z.infer<typeof RosterImportSummary>;

const RosterAccount = z.object({
  agent: z.string(),
  name: z.string().nullable(),
  role: z.string(),
  created: isoDay.nullable(),
  deactivated: isoDay.nullable(),
});

/** The named-seat base against what the sessions show (roster:summary). */
export const RosterSummary = z.object({
  accounts: z.number().int(),
  /** Accounts with no deactivation date (or one still in the future). */
  activeAccounts: z.number().int(),
  deactivatedAccounts: z.number().int(),
  /** Roster accounts with no session at all. */
  neverLoggedInCount: z.number().int(),
  neverLoggedIn: z.array(RosterAccount),
  /** Agents with sessions who are not in the roster. */
  missingFromRosterCount: z.number().int(),
  missingFromRoster: z.array(
    z.object({ agent: z.string(), name: z.string().nullable(), sessions: z.number().int(), lastSeen: z.string() }),
  ),
  /** True when the lists were cut at `limit` entries (the counts are always whole). */
  truncated: z.boolean(),
});
export type RosterSummary = z.infer<typeof RosterSummary>;

export const contract = {
  'app:info': { req: Empty, res: AppInfo },
  'prefs:get': { req: Empty, res: Preferences },
  'prefs:set': { req: Preferences.partial().strict(), res: Preferences },
  'files:open-dialog': { req: Empty, res: StagedFile.nullable() },
  'files:stage-path': { req: z.object({ path: z.string().min(1) }).strict(), res: StagedFile },
  'imports:start': {
    req: z
      .object({
        fileId: z.string().min(1),
        format: ImportFormatId.default('auto'),
        timeZone: z.string().min(1).optional(),
        /** Replaces the preset's logged-in states (event/status exports): every other state ends a session. */
        loggedInStates: z.array(z.string().trim().min(1)).min(1).optional(),
        /** How slashed dates such as 03/04/2025 are read where the format does not fix it (default MDY). */
        dateOrder: DateOrder.optional(),
        /** A column mapping for the generic preset (the import wizard's); saved for files of the same shape once the import succeeds. */
        mapping: ImportMapping.optional(),
      })
      .strict(),
    res: z.object({ jobId: z.string() }),
  },
  /** Reads only the head of a staged file: detected preset, columns, mapping and the first 50 rows parsed. Never writes. */
  'imports:preview': {
    req: z
      .object({
        fileId: z.string().min(1),
        format: ImportFormatId.default('auto'),
        timeZone: z.string().min(1).optional(),
        loggedInStates: z.array(z.string().trim().min(1)).min(1).optional(),
        dateOrder: DateOrder.optional(),
        mapping: ImportMapping.optional(),
      })
      .strict(),
    res: ImportPreview,
  },
  'jobs:get': { req: z.object({ jobId: z.string() }).strict(), res: Job },
  'jobs:cancel': { req: z.object({ jobId: z.string() }).strict(), res: Job },
  'imports:list': { req: Empty, res: z.array(ImportRecord) },
  'imports:undo': {
    req: z.object({ importId: z.number().int().positive() }).strict(),
    res: z.object({ importId: z.number().int(), sessionsRemoved: z.number().int() }),
  },
  /** An import's rejected rows as CSV (Line, Field, Reason, then the row's own columns), formula-safe. */
  'imports:rejects': {
    req: z.object({ importId: z.number().int().positive() }).strict(),
    res: z.object({
      importId: z.number().int(),
      rows: z.number().int(),
      csv: z.string(),
      /** The first 100 rejected rows (line, field, reason), for showing in place. */
      sample: z.array(RowError).optional(),
    }),
  },
  /** Reads a staged roster file (CSV, an Okta or Entra users export; also .gz, .zip, .xlsx) in one transaction. */
  'roster:import': {
    req: z.object({ fileId: z.string().min(1) }).strict(),
    res: RosterImportSummary,
  },
  'roster:summary': {
    req: z.object({ limit: z.number().int().positive().max(10_000).default(200) }).strict(),
    res: RosterSummary,
  },
  'metrics:monthly': { req: MetricsRequest, res: MonthlyMetrics },
  'definitions:list': { req: Empty, res: z.array(ActivityDefinition.extend({ version: z.number().int() })) },
  'definitions:save': { req: ActivityDefinition, res: ActivityDefinition.extend({ version: z.number().int() }) },
  'definitions:delete': { req: z.object({ name: z.string().min(1) }).strict(), res: z.object({ name: z.string() }) },
  'metrics:agents': {
    req: MetricsRequest.pick({ timeZone: true, activity: true })
      .extend({ from: isoDay, to: isoDay })
      .strict(),
    res: z.object({
      from: isoDay,
      to: isoDay,
      agents: z.array(
        z.object({
          agent: z.string(),
          name: z.string().nullable(),
          team: z.string().nullable(),
          role: z.string(),
          firstActivity: isoDay,
          lastActivity: isoDay,
          activeDays: z.number().int(),
          sessions: z.number().int(),
          loggedInHours: z.number(),
        }),
      ),
    }),
  },
  'pricing:project': {
    req: z
      .object({
        /** Plans in the documented JSON format (docs/plan-format.md); each is validated with its JSON path. */
        plans: z.array(z.unknown()).min(1, 'give at least one plan'),
        from: isoDay.optional(),
        to: isoDay.optional(),
        timeZone: z.string().min(1).optional(),
        /** Consumption figures by rider key (minutes, interactions, …). */
        consumption: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    res: ProjectionReport,
  },
  'plans:templates': { req: Empty, res: z.array(z.object({ file: z.string(), plan: z.unknown() })) },
  /**
   * The per-period counts the given plans bill on (the input of shared/pricing's priceAll), so the
   * window can re-price locally while a plan is edited. Fetch again when a plan's counting rules change.
   */
  'pricing:inputs': {
    req: z
      .object({
        plans: z.array(z.unknown()).min(1, 'give at least one plan'),
        from: isoDay.optional(),
        to: isoDay.optional(),
        timeZone: z.string().min(1).optional(),
      })
      .strict(),
    res: z.object({
      timeZone: z.string(),
      periods: z.array(z.object({ start: isoDay, end: isoDay }).catchall(z.unknown())),
    }),
  },
  'plans:list': { req: Empty, res: z.array(SavedPlan) },
  'plans:save': {
    req: z
      .object({
        /** Omit to create a plan; give it (with the version you loaded) to replace one. */
        id: z.number().int().positive().optional(),
        /** The version the editor loaded; a save against an older version is refused (`conflict`). */
        version: z.number().int().positive().optional(),
        /** The plan in the documented JSON format; refused with the JSON path and reason when invalid. */
        plan: z.unknown(),
      })
      .strict()
      .refine((r) => r.id === undefined || r.version !== undefined, { message: 'give the version you loaded when saving an existing plan', path: ['version'] }),
    res: SavedPlan,
  },
  'plans:delete': { req: PlanId, res: z.object({ id: z.number().int(), name: z.string() }) },
  /** Undoes plans:delete (within a day). */
  'plans:restore': { req: PlanId, res: SavedPlan },
  'plans:import': {
    req: z.object({ text: z.string(), fileName: z.string().optional() }).strict(),
    res: SavedPlan,
  },
  'plans:export': { req: PlanId, res: z.object({ fileName: z.string(), text: z.string() }) },
  'plans:set-current': {
    req: z.object({ id: z.number().int().positive().nullable() }).strict(),
    res: z.array(SavedPlan),
  },
  'metrics:periods': {
    req: MetricsRequest.extend({
      /** month | anchored:DD | rolling:N | quarter | year (default month). */
      cycle: z
        .string()
        .regex(/^(month|quarter|year|anchored:([1-9]|[12]\d|3[01])|rolling:[1-9]\d{0,3})$/, 'expected month, anchored:DD, rolling:N, quarter or year')
        .optional(),
    }).strict(),
    res: MonthlyMetrics,
  },
  'seasons:overview': {
    req: z.object({ timeZone: z.string().min(1).optional(), activity: z.union([z.string().min(1), ActivityDefinition]).optional() }).strict(),
    res: SeasonsOverview,
  },
  'seasons:cohorts': {
    req: z
      .object({ timeZone: z.string().min(1).optional(), rules: CohortRules.optional(), activity: z.union([z.string().min(1), ActivityDefinition]).optional() })
      .strict(),
    res: CohortReport,
  },
  'seasons:heatmap': {
    req: z.object({ from: isoDay, to: isoDay, timeZone: z.string().min(1).optional() }).strict(),
    res: ConcurrencyHeatmap,
  },
  'scenarios:list': { req: Empty, res: z.array(SavedScenario) },
  'scenarios:save': {
    /** Without id: a new scenario (its name must be free). With id: replaces that scenario. */
    req: z.object({ id: z.number().int().positive().optional(), scenario: Scenario }).strict(),
    res: SavedScenario,
  },
  'scenarios:delete': { req: z.object({ id: z.number().int().positive() }).strict(), res: z.object({ id: z.number().int(), name: z.string() }) },
  'forecast:run': { req: ForecastRequest, res: ForecastRun },
  'budget:run': {
    req: ForecastRequest.extend({
      /** Plans in the documented JSON format (docs/plan-format.md). */
      plans: z.array(z.unknown()).min(1, 'select at least one plan'),
      /** Index into plans of the plan paid today, for the difference column. */
      currentPlan: z.number().int().min(0).optional(),
      consumption: z.record(z.string(), z.unknown()).optional(),
    }).strict(),
    res: BudgetRun,
  },
  'budget:xlsx': {
    req: ForecastRequest.extend({
      plans: z.array(z.unknown()).min(1, 'select at least one plan'),
      currentPlan: z.number().int().min(0).optional(),
      consumption: z.record(z.string(), z.unknown()).optional(),
      /** Shown in the workbook and its file name. */
      title: z.string().max(120).optional(),
    }).strict(),
    /** The workbook's bytes, base64 (every transport carries JSON). */
    res: z.object({ fileName: z.string(), base64: z.string() }),
  },
  // Drill-down, reports, keys, audit log and retention (shared/report/contract.ts).
  ...reportMethods,
  // Database health and restore from the automatic backups (shared/db-contract.ts).
  ...databaseMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Request<M extends MethodName> = z.input<Contract[M]['req']>;
export type ParsedRequest<M extends MethodName> = z.output<Contract[M]['req']>;
export type Response<M extends MethodName> = z.output<Contract[M]['res']>;

export const methodNames = Object.keys(contract) as MethodName[];

/** Methods only the desktop shell answers (they touch native dialogs or local paths). */
export const desktopOnlyMethods: ReadonlySet<MethodName> = new Set(['files:open-dialog', 'files:stage-path']);

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from the desktop shell to the window (menu commands). */
export const MenuCommand = z.enum(['import', 'export', 'preferences', 'about']);
export type MenuCommand = z.infer<typeof MenuCommand>;
