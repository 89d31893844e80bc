/**
 * The seasons view: every month of the data laid out by year (so January 2024 sits under January
 * 2025), with year-over-year change, and turnover — agents first and last seen each month.
 */
import { daysFromCivil, formatDay } from '../../../shared/calendar';
import type { ActivityDefinition } from '../../../shared/metrics/activity';
import type { Connection } from '../db/connection';
import { agentHistories, monthIndexOfDay } from './agent-history';
import { usageByPeriod } from './usage';

export type SeasonMonth = {
  start: string;
  year: number;
  month: number;
  activeAgents: number;
  peakConcurrent: number;
  loggedInHours: number;
  provisioned: number;
  /** Change against the same month a year earlier, in percent; null without that month. */
  yoy: { activeAgents: number | null; peakConcurrent: number | null; loggedInHours: number | null };
  /** Agents whose first activity is in this month (null in the data's first month: they may predate it). */
  joiners: number | null;
  /** Agents whose last activity is in this month (null in the data's last month: they may still be working). */
  leavers: number | null;
};

const change = (now: number, before: number | undefined) =>
  before === undefined || before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;

export function seasonsOverview(db: Connection, timeZone: string, activity: ActivityDefinition & { version?: number }): { timeZone: string; months: SeasonMonth[] } {
  const periods = usageByPeriod(db, { timeZone, activity }).periods;
  const { agents } = agentHistories(db, activity);
  const joiners = new Map<number, number>();
  const leavers = new Map<number, number>();
  for (const agent of agents) {
    if (agent.excluded || agent.firstDay === null || agent.lastDay === null) continue;
    const first = monthIndexOfDay(agent.firstDay);
    const last = monthIndexOfDay(agent.lastDay);
    joiners.set(first, (joiners.get(first) ?? 0) + 1);
    leavers.set(last, (leavers.get(last) ?? 0) + 1);
  }
  const byIndex = new Map<number, (typeof periods)[number]>();
  const months = periods.map((p, i): SeasonMonth => {
    const [year, month] = [Number(p.start.slice(0, 4)), Number(p.start.slice(5, 7))];
    const index = year * 12 + month - 1;
    byIndex.set(index, p);
    const lastYear = byIndex.get(index - 12);
    return {
      start: p.start,
      year,
      month,
      activeAgents: p.activeAgents,
      peakConcurrent: p.peakConcurrent,
      loggedInHours: p.loggedInHours,
      provisioned: p.provisioned,
      yoy: {
        activeAgents: change(p.activeAgents, lastYear?.activeAgents),
        peakConcurrent: change(p.peakConcurrent, lastYear?.peakConcurrent),
        loggedInHours: change(p.loggedInHours, lastYear?.loggedInHours),
      },
      joiners: i === 0 ? null : (joiners.get(index) ?? 0),
      leavers: i === periods.length - 1 ? null : (leavers.get(index) ?? 0),
    };
  });
  return { timeZone, months };
}

/** First local day of the month `index` (year*12 + month-1), as YYYY-MM-DD. */
export function monthStartOfIndex(index: number): string {
  return formatDay(daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1));
}
