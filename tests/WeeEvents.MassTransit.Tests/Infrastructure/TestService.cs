using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WeeEvents.MassTransit.Tests.Infrastructure;

/// <summary>A service process in miniature: a host with its own database, messaging on a test vhost.</summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly IHost _host;

    private TestService(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<TestService> StartAsync(
        string name,
        TestVirtualHost vhost,
        ITestStorage storage,
        Action<WeeEventsMessagingBuilder> messaging,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        var service = Build(name, vhost, storage, messaging, services, settings);
        await service.StartAsync();
        return service;
    }

    public static TestService Build(
        string name,
        TestVirtualHost? vhost,
        ITestStorage storage,
        Action<WeeEventsMessagingBuilder> messaging,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = name });
        var configuration = new Dictionary<string, string?>
        {
            ["WeeEvents:Transport"] = "RabbitMq",
            ["ConnectionStrings:RabbitMq"] = vhost?.AmqpUrl,
            ["WeeEvents:Outbox:Name"] = name,
            ["WeeEvents:Outbox:PollInterval"] = "00:00:00.500",
            ["WeeEvents:Outbox:PublishTimeout"] = "00:00:03",
            ["WeeEvents:Outbox:RetryDelay"] = "00:00:00.100",
            ["WeeEvents:Outbox:MaxRetryDelay"] = "00:00:01",
        };
        foreach (var (key, value) in storage.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        storage.Register(builder.Services, name);
        builder.Services.AddWeeEventsMessaging(builder.Configuration, messaging);
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(5);
        });
        services?.Invoke(builder.Services);
        return new TestService(builder.Build());
    }

    private bool _started;

    public async Task StartAsync()
    {
        await _host.StartAsync(TestContext.Current.CancellationToken);
        _started = true;
    }

    /// <summary>
    /// Runs a command the way the HTTP API would: on the database's own event store, committed at once; sent by
    /// <paramref name="options"/>' caller, or else by the service itself (<see cref="Callers.AsService"/>).
    /// </summary>
    public Task<Entity<TState>> ExecuteAsync<TState, TCommand>(ServiceDescription<TState> description, string command, string key, TCommand payload, CommandOptions? options = null) =>
        description.CreateService(Services.GetRequiredService<IEventStore>()).ExecuteAsync(command, description.Id(key), payload, options ?? Callers.AsService, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_started)
            {
                await _host.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            _host.Dispose();
        }
    }
}
