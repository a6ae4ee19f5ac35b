/**
 * Dates as the app shows them, written without Intl: the first Intl call on a page loads ICU's
 * locale data, 20–50 ms of main thread on this machine and four times that on a phone, a long
 * task in every signed-in page's load (issue 13, Lighthouse). The app's words are English, so
 * its dates read as en-US's medium style ("Nov 23, 2026, 11:45 PM"), in the reader's time zone
 * wherever the browser knows it.
 */
const months = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

function day(year: number, month: number, date: number): string {
  return `${months[month]} ${date}, ${year}`;
}

/** The calendar day in UTC, e.g. "Nov 23, 2026": what the server can say for anyone. */
export function utcDay(moment: Date): string {
  return day(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate());
}

/** The clock time where the reader is, e.g. "11:45 PM". */
export function localClock(moment: Date): string {
  const hours = moment.getHours();
  const minutes = String(moment.getMinutes()).padStart(2, "0");
  return `${hours % 12 || 12}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
}

/** Day and time where the reader is, e.g. "Nov 23, 2026, 11:45 PM". */
export function localDateTime(moment: Date): string {
  return `${day(moment.getFullYear(), moment.getMonth(), moment.getDate())}, ${localClock(moment)}`;
}
