/** Local wall-clock parts of `date` in an IANA time zone, and the zone's UTC offset at that instant. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** Start of the current 15-minute interval, `YYYY-MM-DDTHH:MM` (Open-Meteo's `current.time`). */
  quarterHour: string;
  utcOffsetSeconds: number;
  abbreviation: string;
}

export function localTime(date: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const wallClockAsUtc = Date.parse(`${day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
  const utcOffsetSeconds = Math.round((wallClockAsUtc - Math.floor(date.getTime() / 1000) * 1000) / 1000);
  return {
    date: day,
    quarterHour: `${day}T${parts.hour}:${String(Math.floor(Number(parts.minute) / 15) * 15).padStart(2, '0')}`,
    utcOffsetSeconds,
    abbreviation: parts.timeZoneName ?? 'GMT',
  };
}

/** `YYYY-MM-DD` of the day `days` after `day`. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
