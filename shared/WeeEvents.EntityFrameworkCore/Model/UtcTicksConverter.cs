using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WeeEvents.EntityFrameworkCore.Model;

/// <summary>
/// Stores instants as UTC ticks. SQLite has no date type and cannot compare EF's text form of
/// <see cref="DateTimeOffset"/>; integers compare, sort and round-trip to the tick.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
