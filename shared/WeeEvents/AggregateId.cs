namespace WeeEvents;

/// <summary>
/// Identifies one aggregate: its entity type (for example <c>order</c>) and its key within that type.
/// Encoded as <c>type.key</c>, as wee-events does.
/// </summary>
public readonly record struct AggregateId
{
    /// <summary>Creates an id, refusing an empty type or key and a type containing a dot.</summary>
    public AggregateId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (type.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"An aggregate type cannot contain '.': '{type}'.", nameof(type));
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

    /// <summary>Parses <c>type.key</c>; the key may itself contain dots.</summary>
    public static AggregateId Parse(string encoded)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoded);
        var dot = encoded.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == encoded.Length - 1)
        {
            throw new FormatException($"'{encoded}' is not an aggregate id of the form 'type.key'.");
        }

        return new AggregateId(encoded[..dot], encoded[(dot + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => Encoded;
}
