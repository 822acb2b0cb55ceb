namespace WeeEvents;

/// <summary>
/// Identifies one aggregate: its entity type (for example <c>order</c>) and its key within that type.
/// Encoded as <c>type.key</c>, as wee-events does. Both parts follow <see cref="AggregateKeyRule"/>, so an id that
/// exists can always be stored and addressed.
/// </summary>
public readonly record struct AggregateId
{
    /// <summary>
    /// Creates an id, refusing (with <see cref="ArgumentException"/>) a type or key that breaks
    /// <see cref="AggregateKeyRule"/> and a type containing a dot. Code that takes keys from clients checks them with
    /// <see cref="AggregateKeyRule.Check"/> first, to answer with the rule rather than fail.
    /// </summary>
    public AggregateId(string type, string key)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(key);
        if (AggregateKeyRule.CheckType(type) is { } badType)
        {
            throw new ArgumentException(badType, nameof(type));
        }

        if (AggregateKeyRule.Check(key) is { } badKey)
        {
            throw new ArgumentException($"{badKey} {AggregateKeyRule.Description}", nameof(key));
        }

        Type = type;
        Key = key;
    }

    /// <summary>The entity type, for example <c>order</c>.</summary>
    public string Type { get; }

    /// <summary>The key of the aggregate within its type.</summary>
    public string Key { get; }

    /// <summary>The encoded form, <c>type.key</c>.</summary>
    public string Encoded => $"{Type}.{Key}";

    /// <summary>Creates an id; the same as the constructor, shaped like wee-events' <c>AggregateId.create</c>.</summary>
    public static AggregateId Create(string type, string key) => new(type, key);

    /// <summary>Parses <c>type.key</c>; the key may itself contain dots. Throws <see cref="FormatException"/> when either part breaks the rule.</summary>
    public static AggregateId Parse(string encoded)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoded);
        var dot = encoded.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == encoded.Length - 1)
        {
            throw new FormatException($"'{encoded}' is not an aggregate id of the form 'type.key'.");
        }

        var (type, key) = (encoded[..dot], encoded[(dot + 1)..]);
        return (AggregateKeyRule.CheckType(type) ?? AggregateKeyRule.Check(key)) is { } problem
            ? throw new FormatException($"'{encoded}' is not a valid aggregate id: {problem}")
            : new AggregateId(type, key);
    }

    /// <inheritdoc />
    public override string ToString() => Encoded;
}
