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

const MetricsRequest = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    timeZone: z.string().min(1).optional(),
    /** raw | cumulative:N | sustained:N | p95 (default raw). */
    concurrency: z
      .string()
      .regex(/^(raw|p95|(cumulative|sustained):[1-9]\d{0,4})$/, 'expected raw, cumulative:N, sustained:N or p95')
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
      })
      .strict(),
    res: z.object({ jobId: z.string() }),
  },
  'jobs:get': { req: z.object({ jobId: z.string() }).strict(), res: Job },
  'jobs:cancel': { req: z.object({ jobId: z.string() }).strict(), res: Job },
  'imports:list': { req: Empty, res: z.array(ImportRecord) },
  'imports:undo': {
    req: z.object({ importId: z.number().int().positive() }).strict(),
    res: z.object({ importId: z.number().int(), sessionsRemoved: z.number().int() }),
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
