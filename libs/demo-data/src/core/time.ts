import type { Random } from './random';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
] as const;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseTime(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`not an ISO 8601 time: ${value}`);
  return ms;
}

/** Local wall-clock parts of a UTC instant for an office `utcOffsetHours` from UTC. */
export function localParts(ms: number, utcOffsetHours: number) {
  const local = new Date(ms + utcOffsetHours * HOUR);
  return {
    weekday: local.getUTCDay(),
    weekdayName: WEEKDAYS[local.getUTCDay()] as string,
    day: local.getUTCDate(),
    month: MONTHS[local.getUTCMonth()] as string,
    monthName: MONTH_NAMES[local.getUTCMonth()] as string,
    year: local.getUTCFullYear(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** "Tue, 4 Mar 2025 at 09:15", as mail clients write the line above a quoted reply. */
export function mailClientDate(ms: number, utcOffsetHours: number): string {
  const p = localParts(ms, utcOffsetHours);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.weekdayName.slice(0, 3)}, ${p.day} ${p.month} ${p.year} at ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A moment in [from, to) during someone's working day: weekdays, 8:00-18:30 local time, busiest in
 * the late morning. Windows too short or too odd to hold a working hour fall back to uniform.
 */
export function workingTime(rng: Random, from: number, to: number, utcOffsetHours: number): number {
  if (to <= from) return from;
  const offset = utcOffsetHours * HOUR;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const candidate = from + (to - from) * rng.float();
    const local = candidate + offset;
    const weekday = new Date(local).getUTCDay();
    if ((weekday === 0 || weekday === 6) && rng.chance(0.93)) continue;
    const hourOfDay = 8 + 10.5 * betaLike(rng);
    const moved = Math.floor(local / DAY) * DAY + hourOfDay * HOUR - offset;
    if (moved >= from && moved < to) return roundTo(moved, 1000);
  }
  return roundTo(from + (to - from) * rng.float(), 1000, from);
}

/** Any hour, but fewer at night: website visits and email opens. */
export function wakingTime(rng: Random, from: number, to: number, utcOffsetHours: number): number {
  if (to <= from) return from;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const candidate = from + (to - from) * rng.float();
    const hour = new Date(candidate + utcOffsetHours * HOUR).getUTCHours();
    if (hour >= 7 && hour <= 22) return roundTo(candidate, 1000, from);
    if (rng.chance(0.15)) return roundTo(candidate, 1000, from);
  }
  return roundTo(from + (to - from) * rng.float(), 1000, from);
}

/** Meetings start on the quarter hour of a working day. */
export function meetingTime(rng: Random, from: number, to: number, utcOffsetHours: number): number {
  const moment = workingTime(rng, from, to, utcOffsetHours);
  const rounded = Math.round(moment / (15 * MINUTE)) * 15 * MINUTE;
  return rounded >= from && rounded < to ? rounded : moment;
}

/** Peaks around 11:00 on a 8:00-18:30 day (a Beta(2, 3)-like shape from two uniforms). */
function betaLike(rng: Random): number {
  return (rng.float() + rng.float() + rng.float() * 0.5) / 2.5;
}

function roundTo(ms: number, step: number, floor = -Infinity): number {
  const rounded = Math.floor(ms / step) * step;
  return rounded < floor ? Math.ceil(ms / step) * step : rounded;
}

/** Days to add to `ms` (at an office) to reach the next given weekday (0 = Sunday), 1-7. */
export function daysUntilWeekday(ms: number, weekday: number, utcOffsetHours: number): number {
  const today = localParts(ms, utcOffsetHours).weekday;
  const ahead = (weekday - today + 7) % 7;
  return ahead === 0 ? 7 : ahead;
}

/** `count` working times spread over [from, to), one per equal slot, in order: a cadence, not a cluster. */
export function cadence(rng: Random, count: number, from: number, to: number, utcOffsetHours: number): number[] {
  const slot = (to - from) / Math.max(1, count);
  return Array.from({ length: count }, (_, i) => workingTime(rng, from + i * slot, from + (i + 1) * slot, utcOffsetHours));
}
