namespace WeeEvents;

/// <summary>
/// The version of an aggregate's stream: the number of events recorded for it. A new aggregate is at
/// <see cref="Initial"/>; the first event recorded moves it to revision 1.
/// </summary>
public readonly record struct Revision(long Value) : IComparable<Revision>
{
    /// <summary>The revision of an aggregate with no events.</summary>
    public static readonly Revision Initial = new(0);

    /// <summary>The revision after one more event.</summary>
    public Revision Next() => new(Value + 1);

    /// <inheritdoc />
    public int CompareTo(Revision other) => Value.CompareTo(other.Value);

    /// <summary>Compares two revisions.</summary>
    public static bool operator <(Revision left, Revision right) => left.Value < right.Value;

    /// <summary>Compares two revisions.</summary>
    public static bool operator >(Revision left, Revision right) => left.Value > right.Value;

    /// <summary>Compares two revisions.</summary>
    public static bool operator <=(Revision left, Revision right) => left.Value <= right.Value;

    /// <summary>Compares two revisions.</summary>
    public static bool operator >=(Revision left, Revision right) => left.Value >= right.Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
