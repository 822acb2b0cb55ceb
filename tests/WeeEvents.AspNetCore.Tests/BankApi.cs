using WeeEvents.Testing;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeeEvents.Samples.BankAccount;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>The sample bank-account service behind the WeeEvents HTTP API, on the ASP.NET Core test server.</summary>
internal sealed class BankApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BankApi(WebApplication app, TestEventStore store)
    {
        _app = app;
        Store = store;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    /// <summary>The store behind the service, whose faults a test can script.</summary>
    public TestEventStore Store { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<BankApi> StartAsync(
        Action<WeeEventsHttpOptions>? configure = null,
        Action<WebApplicationBuilder>? host = null,
        ServiceDescription<WeeEvents.Samples.BankAccount.Domain.AccountState>? description = null,
        string environment = "Development")
    {
        // Development by default on purpose: even there, no stack trace may reach a client.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ApplicationName = "BankAccount" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var store = new TestEventStore();
        builder.Services.AddSingleton<IEventStore>(store);
        description ??= BankAccountService.Description;
        builder.Services.AddWeeEventsService(description);
        builder.Services.AddWeeEventsHttp(configure);
        host?.Invoke(builder);
        var app = builder.Build();
        app.MapWeeEventsDefaults();
        app.MapService(description);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new BankApi(app, store);
    }

    public Task<HttpResponseMessage> PostAsync(string path, string json, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        configure?.Invoke(request);
        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> OpenAsync(string key, decimal balance = 100m)
    {
        using var response = await PostAsync($"/account/{key}/open-account", $$"""{ "owner": "Ada", "initialBalance": {{balance}} }""");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await BodyAsync(response);
    }

    public Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(TestContext.Current.CancellationToken);
        await _app.DisposeAsync();
    }
}
