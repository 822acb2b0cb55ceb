namespace WeeEvents;

/// <summary>The base of every error WeeEvents raises on purpose; each carries the aggregate it concerns.</summary>
public abstract class WeeEventsException : Exception
{
    /// <summary>Creates the error.</summary>
    protected WeeEventsException(AggregateId aggregate, string message, Exception? inner = null)
        : base(message, inner) => Aggregate = aggregate;

    /// <summary>The aggregate the error concerns.</summary>
    public AggregateId Aggregate { get; }
}
