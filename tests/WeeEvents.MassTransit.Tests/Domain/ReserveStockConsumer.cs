using System.Collections.Concurrent;
using WeeEvents.MassTransit.Tests.Contracts;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Tests.Domain;

/// <summary>Service B's route: reserves stock for an ordered item, with hooks that let tests crash it.</summary>
public static class ReserveStockConsumer
{
    public const string Name = "reserve-stock";

    /// <summary>Transient failures are tried again this often, quickly, so tests are quick.</summary>
    public const int RetryLimit = 3;

    /// <summary>The short retries of <see cref="RetryLimit"/>, as configuration.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["WeeEvents:Messaging:RetryIntervals:0"] = "00:00:00.050",
        ["WeeEvents:Messaging:RetryIntervals:1"] = "00:00:00.100",
        ["WeeEvents:Messaging:RetryIntervals:2"] = "00:00:00.200",
    };

    /// <summary>The route, reporting to <paramref name="probe"/>.</summary>
    public static MessageRoutes Routes(ConsumerProbe probe) => MessageRoutes.Empty.On<ItemOrdered>(Name, async message =>
    {
        probe.Attempts.AddOrUpdate(message.MessageId, 1, (_, n) => n + 1);
        await message.ExecuteAsync(Stock.Description, new KeyedCommand<Stock.Reserve>(message.Message.Sku, Stock.ReserveCommand, new Stock.Reserve(message.Message.OrderId, message.Message.Quantity)));
        if (probe.AfterAppend is { } hook)
        {
            await hook(message);
        }
    });
}

/// <summary>What a test sees of (and does to) the route in one host.</summary>
public sealed class ConsumerProbe
{
    public ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    /// <summary>Runs after the append, before the commit: throw to "crash" mid-handling.</summary>
    public Func<Inbound<ItemOrdered>, Task>? AfterAppend { get; set; }
}
