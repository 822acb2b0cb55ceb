namespace WeeEvents.EntityFrameworkCore.Internal;

/// <summary>
/// The store's notion of now: UTC, cut to whole microseconds, the finest instant every provider keeps
/// (PostgreSQL's timestamptz), so a recorded event reads back exactly as it was returned.
/// </summary>
internal static class StoreClock
{
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
