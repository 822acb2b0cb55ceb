namespace WeeEvents;

/// <summary>
/// How a lost revision race is tried again: after each of <see cref="Pauses"/> (their number is the number of retries),
/// each stretched by a random part of itself, up to double, so that the losers of one race do not meet again. One policy
/// for every path that retries a race: a command (<see cref="ServiceOptions.ConflictRetry"/>, decided again on the
/// newer events; the HTTP path) and a consumer's unit of work (<c>WeeEvents:Messaging:ConflictRetryIntervals</c>, the
/// whole message handled again; the messaging package).
/// </summary>
public sealed class ConflictRetryPolicy
{
    private readonly TimeSpan[] _pauses;

    /// <summary>A policy that retries after each of <paramref name="pauses"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A pause is negative.</exception>
    public ConflictRetryPolicy(IEnumerable<TimeSpan> pauses)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        _pauses = [.. pauses];
        if (_pauses.Any(p => p < TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(pauses), "A pause before a conflict retry cannot be negative.");
        }
    }

    /// <summary>No retries: the first lost race reaches the caller.</summary>
    public static ConflictRetryPolicy None { get; } = new([]);

    /// <summary><paramref name="retries"/> retries without a pause (a command catches up on the newer events at once).</summary>
    public static ConflictRetryPolicy Immediately(int retries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        return new(Enumerable.Repeat(TimeSpan.Zero, retries));
    }

    /// <summary>The pauses before each retry, before jitter.</summary>
    public IReadOnlyList<TimeSpan> Pauses => _pauses;

    /// <summary>How many times a lost race is tried again before <see cref="RevisionConflict"/> reaches the caller.</summary>
    public int Retries => _pauses.Length;

    /// <summary>Whether retry number <paramref name="retry"/> (0 for the first) is allowed.</summary>
    public bool Allows(int retry) => retry >= 0 && retry < _pauses.Length;

    /// <summary>The pause before retry number <paramref name="retry"/> (0 for the first), jittered: between its pause and double.</summary>
    public TimeSpan PauseBefore(int retry)
    {
        var pause = _pauses[retry];
        return pause + TimeSpan.FromTicks(Random.Shared.NextInt64(pause.Ticks + 1));
    }
}
