/**
 * The monitor job: the latest window's input drift, prediction drift, realised
 * performance and outlier rate against `monitor.*` thresholds, as
 * reports/monitor/status.json and a page, on demand or on a cron schedule.
 */
export { judgeWindow, type MonitorEvidence } from "./checks.ts";
export { renderMonitorPage } from "./page.ts";
export { DEFAULT_MONITOR_PARAMS, MonitorParams } from "./params.ts";
export { type MonitorRunOptions, runMonitor } from "./run.ts";
export { everyToCron, runOnSchedule, type ScheduleOptions } from "./schedule.ts";
export { CheckStatus, MonitorCheck, monitorExitCode, MonitorStatus } from "./status.ts";
