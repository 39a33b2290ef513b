/** RFC 3339 as JSON Schema's `date-time` format reads it. */
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/** The same without a time zone or with a space for the T, as .NET and SQL servers often write them. */
const localDateTime = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(\.\d+)?)$/;
/** ASP.NET's legacy JSON date, `/Date(1773477000000)/`. */
const aspNetDate = /^\/Date\((-?\d+)\)\/$/;

/**
 * A date-time in one of the forms servers send, with the form's name and the instant in RFC 3339,
 * or undefined when it is none of them. A time without a zone is read as UTC.
 */
export function readDateTime(value: string | number): { form: string; iso: string } | undefined {
  if (typeof value === 'number') {
    // Seconds since 1970 stay under 1e11 until the year 5138; milliseconds are above it after 1973.
    const form = Math.abs(value) >= 1e11 ? 'epoch milliseconds' : 'epoch seconds';
    const date = new Date(form === 'epoch seconds' ? value * 1000 : value);
    return Number.isNaN(date.getTime()) ? undefined : { form, iso: date.toISOString() };
  }
  if (rfc3339.test(value)) return { form: 'RFC 3339', iso: value };
  const local = localDateTime.exec(value);
  if (local) {
    const date = new Date(`${local[1]}T${local[2]}Z`);
    return Number.isNaN(date.getTime()) ? undefined : { form: 'date-times without a time zone', iso: date.toISOString() };
  }
  const asp = aspNetDate.exec(value);
  if (asp) return { form: 'ASP.NET /Date(ms)/ strings', iso: new Date(Number(asp[1])).toISOString() };
  return undefined;
}

/** An RFC 3339 instant written in one of the forms readDateTime names; other values as they are. */
export function writeDateTime(value: unknown, form: string): unknown {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) return value;
  switch (form) {
    case 'epoch milliseconds':
      return time;
    case 'epoch seconds':
      return Math.floor(time / 1000);
    case 'date-times without a time zone':
      return new Date(time).toISOString().slice(0, 19);
    case 'ASP.NET /Date(ms)/ strings':
      return `/Date(${time})/`;
    default:
      return value;
  }
}
