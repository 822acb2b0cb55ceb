namespace WeeEvents;

/// <summary>An aggregate's state at a revision.</summary>
/// <param name="Aggregate">The aggregate.</param>
/// <param name="Revision">The revision the state was built up to.</param>
/// <param name="State">The state, a case of the aggregate's state union.</param>
public sealed record Entity<TState>(AggregateId Aggregate, Revision Revision, TState State)
{
    /// <summary>The entity type (the aggregate type).</summary>
    public string Type => Aggregate.Type;
}
