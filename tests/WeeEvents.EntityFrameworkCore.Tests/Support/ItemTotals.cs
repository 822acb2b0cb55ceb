using Microsoft.EntityFrameworkCore;
using WeeEvents.EntityFrameworkCore.Projections;

namespace WeeEvents.EntityFrameworkCore.Tests.Support;

/// <summary>A row of the test projection: per aggregate, how many <c>item-added</c> events and the sum of their <c>n</c>.</summary>
public sealed class ItemTotal
{
    public required string AggregateKey { get; set; }

    public int Events { get; set; }

    public long Sum { get; set; }

    public long LastRevision { get; set; }
}

/// <summary>
/// A projection that counts: applying any event twice, or skipping one, shows in its totals. It can be told to fail
/// once at a given event, as a crash between handling and checkpoint would.
/// </summary>
public sealed class ItemTotals
{
    public const string Name = "item-totals";

    public sealed record Item(int N);

    /// <summary>When set, the next handling of this event throws (once).</summary>
    public Guid? FailOnce { get; set; }

    public ProjectionDescription Description => Projection.Named(Name)
        .Stores<ItemTotal>(b =>
        {
            b.ToTable("item_totals");
            b.HasKey(t => t.AggregateKey);
            b.Property(t => t.AggregateKey).HasColumnName("aggregate_key").HasMaxLength(200);
        })
        .On<Item>(ItemMapper.EventType, async (rows, e) =>
        {
            if (FailOnce == e.EventId)
            {
                FailOnce = null;
                throw new InvalidOperationException("The projection's process died here.");
            }

            var total = await rows.FindAsync<ItemTotal>(e.Aggregate.Key) ?? rows.Add(new ItemTotal { AggregateKey = e.Aggregate.Key });
            total.Events++;
            total.Sum += e.Data.N;
            total.LastRevision = e.Revision.Value;
        })
        .Description();
}
