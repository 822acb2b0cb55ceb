using Microsoft.Extensions.DependencyInjection;

namespace WeeEvents.MassTransit.Tests.Infrastructure;

/// <summary>A service's database as a test host sees it: how to register it, and the settings it needs.</summary>
public interface ITestStorage
{
    /// <summary>Registers the event store, unit of work factory, and outbox store for a host named <paramref name="instance"/>.</summary>
    void Register(IServiceCollection services, string instance);

    /// <summary>Configuration keys the storage needs (connection string, provider).</summary>
    IReadOnlyDictionary<string, string?> Settings { get; }
}
