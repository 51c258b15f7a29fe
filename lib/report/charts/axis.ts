/** Axis descriptions shared by the chart builders: every chart names its quantity and unit. */

/** What an axis shows. */
export interface Axis {
  /** The quantity, e.g. "False positive rate". */
  label: string;
  /** The unit, e.g. "share of negatives", "days", "count"; "%" when `percent` is set. */
  unit?: string;
  /** Show a [0, 1] share as a percentage. */
  percent?: boolean;
  /** Fixed extent, in data units (before `percent`). */
  domain?: [number, number];
}

/** The axis title: "Label (unit)". */
export function axisLabel(axis: Axis): string {
  const unit = axis.percent ? "%" : axis.unit;
  return unit ? `${axis.label} (${unit})` : axis.label;
}

/** Plot scale options for an axis. */
export function scaleOptions(axis: Axis): {
  label: string;
  percent?: boolean;
  domain?: [number, number];
} {
  return {
    label: axisLabel(axis),
    ...(axis.percent ? { percent: true } : {}),
    // Plot's percent option scales the data but not an explicit domain
    ...(axis.domain
      ? { domain: axis.percent ? [axis.domain[0] * 100, axis.domain[1] * 100] : axis.domain }
      : {}),
  };
}
