namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>One running service of the flow, in this process or in its own: what the tests talk to.</summary>
public interface IRunningService : IAsyncDisposable
{
    FlowService Service { get; }

    /// <summary>A client of this service's HTTP API.</summary>
    HttpClient Http { get; }
}
