import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

/** Offsets remembered per zone, at most a year of hours before the memory starts over: with at most 64 zones, a few MB. */
const maxHours = 8_760;
const maxZones = 64;
const hour = 3_600_000;

/**
 * An IANA time zone that remembers its offset hour by hour. luxon, under cron-parser, asks
 * Intl.DateTimeFormat for the offset at every step of a zoned schedule, the most of a step's cost.
 * No zone changes its offset twice within an hour, so an hour whose first and last
 * millisecond share an offset has it throughout and one answer serves the hour; an hour with a
 * change is asked instant by instant, as before. The runs are the same, for a fraction of the work.
 */
class HourlyZone extends Zone {
  readonly #zone: IANAZone;
  readonly #hours = new Map<number, number | null>();

  constructor(zone: IANAZone) {
    super();
    this.#zone = zone;
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.#zone.name;
  }

  // Written in toISO with extendedZone; luxon 3.7 has it on every zone, its types not yet.
  get ianaName(): string {
    return this.#zone.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): boolean {
    return this.#zone.isValid;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.#zone.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.#zone.formatOffset(ts, format);
  }

  override offset(ts: number): number {
    const index = Math.floor(ts / hour);
    let offset = this.#hours.get(index);
    if (offset === undefined) {
      const first = this.#zone.offset(index * hour);
      offset = first === this.#zone.offset(index * hour + hour - 1) ? first : null;
      if (this.#hours.size >= maxHours) this.#hours.clear();
      this.#hours.set(index, offset);
    }
    return offset ?? this.#zone.offset(ts);
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}

const zones = new Map<string, HourlyZone>();

/**
 * The zone cron-parser should step a schedule in: an HourlyZone for an IANA name, the name itself
 * otherwise (UTC and fixed offsets are cheap already, and an unknown name must stay unreadable).
 */
export function scheduleZone(name: string): string | Zone {
  const known = zones.get(name);
  if (known) return known;
  if (/^(utc|gmt)$/i.test(name) || !IANAZone.isValidZone(name)) return name;
  if (zones.size >= maxZones) zones.clear();
  const zone = new HourlyZone(IANAZone.create(name));
  zones.set(name, zone);
  return zone;
}
