/**
 * The budget as an Excel workbook: one sheet of bills per month and plan (money as numbers in
 * major units with the currency's format, so totals can be summed in Excel), one of the forecast
 * the bills were priced on, and one stating the scenario and the notes.
 */
import type { BudgetRun } from '../../shared/contract';
import { currencyExponent } from '../../shared/pricing';
import { loadExcelJS } from './lazy-libs';

const major = (cents: number, currency: string) => cents / 10 ** currencyExponent(currency);

function moneyFormat(currency: string): string {
  const digits = currencyExponent(currency);
  return `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''} "${currency}"`;
}

export async function budgetWorkbook(budget: BudgetRun, title: string): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = 'Seatcast';
  const bills = workbook.addWorksheet('Budget', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  bills.addRow(['Month', ...budget.plans.map((p) => p.name), 'Cheapest']);
  budget.months.forEach((month, i) => bills.addRow([month.slice(0, 7), ...budget.plans.map((p) => major(p.monthly[i]!, p.currency)), budget.cheapestPerMonth[i]!.plan ?? '']));
  bills.addRow(['Total', ...budget.plans.map((p) => major(p.totalCents, p.currency)), budget.cheapestYear?.plan ?? '']);
  if (budget.currentPlan) {
    bills.addRow([`Difference vs ${budget.currentPlan}`, ...budget.plans.map((p) => (p.differenceVsCurrent === null ? null : major(p.differenceVsCurrent, p.currency))), '']);
  }
  budget.plans.forEach((p, k) => {
    const column = bills.getColumn(k + 2);
    column.numFmt = moneyFormat(p.currency);
    column.width = Math.max(14, p.name.length + 2);
  });
  bills.getColumn(1).width = 24;
  bills.getColumn(budget.plans.length + 2).width = 28;
  bills.getRow(1).font = { bold: true };

  const cumulative = workbook.addWorksheet('Cumulative', { views: [{ state: 'frozen', ySplit: 1 }] });
  cumulative.addRow(['Month', ...budget.plans.map((p) => p.name)]);
  budget.months.forEach((month, i) => cumulative.addRow([month.slice(0, 7), ...budget.plans.map((p) => major(p.cumulative[i]!, p.currency))]));
  budget.plans.forEach((p, k) => (cumulative.getColumn(k + 2).numFmt = moneyFormat(p.currency)));
  cumulative.getRow(1).font = { bold: true };

  const forecast = workbook.addWorksheet('Forecast', { views: [{ state: 'frozen', ySplit: 1 }] });
  forecast.addRow(['Month', 'Active agents', 'Low (80%)', 'High (80%)', 'Peak concurrent', 'Logged-in hours', 'Provisioned', 'Agent-days', 'Added by scenario']);
  for (const p of budget.forecast.periods) {
    forecast.addRow([p.start.slice(0, 7), p.activeAgents, p.activeAgentsLow, p.activeAgentsHigh, p.peakConcurrent, p.loggedInHours, p.provisioned, p.agentDays, p.added.activeAgents]);
  }
  forecast.getRow(1).font = { bold: true };

  const about = workbook.addWorksheet('About');
  const f = budget.forecast;
  about.addRows([
    ['Scenario', title],
    ['Scenario JSON', JSON.stringify(f.scenario)],
    ['Forecast model', f.modelLabel],
    ['Backtest MAPE (%)', f.backtestMape],
    ['Time zone', f.timeZone],
    ...f.messages.map((m) => ['Note', m]),
    ...budget.notes.map((m) => ['Note', m]),
    ...budget.plans.flatMap((p) => p.notes.map((n) => [`Note (${p.name})`, n])),
  ]);
  about.getColumn(1).width = 22;
  about.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
