namespace WeeEvents;

/// <summary>
/// What an append expects of its stream, as Eventuous's <c>ExpectedState</c> and Marten's <c>StartStream</c> say it:
/// <see cref="New"/> (the append starts the stream), <see cref="At"/> a revision (the stream is exactly there), or
/// <see cref="Any"/> (wherever it is). A stream elsewhere fails the append with <see cref="RevisionConflict"/>.
/// </summary>
public readonly record struct ExpectedRevision
{
    // Any is the default value: 0 means any, n + 1 means "at revision n".
    private readonly long _encoded;

    private ExpectedRevision(long encoded) => _encoded = encoded;

    /// <summary>Append wherever the stream is.</summary>
    public static ExpectedRevision Any => default;

    /// <summary>The stream must have no events: this append starts it.</summary>
    public static ExpectedRevision New { get; } = new(1);

    /// <summary>The stream must be exactly at <paramref name="revision"/> (<see cref="Revision.Initial"/> is <see cref="New"/>).</summary>
    public static ExpectedRevision At(Revision revision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revision.Value, nameof(revision));
        ArgumentOutOfRangeException.ThrowIfEqual(revision.Value, long.MaxValue, nameof(revision));
        return new(revision.Value + 1);
    }

    /// <summary>The revision the stream must be at, or null for <see cref="Any"/>.</summary>
    public Revision? Revision => _encoded == 0 ? null : new Revision(_encoded - 1);

    /// <summary>Whether a stream at <paramref name="current"/> meets the expectation.</summary>
    public bool IsMetBy(Revision current) => _encoded == 0 || _encoded - 1 == current.Value;

    /// <summary>Expects the stream at <paramref name="revision"/>.</summary>
    public static implicit operator ExpectedRevision(Revision revision) => At(revision);

    /// <inheritdoc />
    public override string ToString() => Revision is { } r ? (r == WeeEvents.Revision.Initial ? "new" : $"at {r}") : "any";
}
