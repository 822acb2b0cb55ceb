using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Samples.BankAccount;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// Who may do what, declared with each command in the dispatcher description: the HTTP API enforces it with a 403
/// problem, counts and logs the refusal, and documents it in OpenAPI.
/// </summary>
public sealed class AuthorizationTests
{
    private const string Teller = "teller";

    private static readonly DevelopmentTokens Tokens = DevelopmentTokens.CreateRandom();

    /// <summary>The bank account, where only a teller may withdraw.</summary>
    private static readonly ServiceDescription<AccountState> TellerBank = ServiceDescription.Create(
        BankAccountService.Description.Info,
        BankAccountService.Loader,
        DispatcherDescription.For<AccountState>().Access(EntityAccess<AccountState>.AnyCaller())
            .Command(OpenAccount.Name, new OpenAccount.Validator(), AccountCommandHandlers.Open, CommandAccess.Authenticated, startsStream: true)
            .Command(WithdrawFunds.Name, new WithdrawFunds.Validator(), AccountCommandHandlers.Withdraw, CommandAccess.AnyRole(Teller))
            .Description());

    private static Task<BankApi> StartAsync() =>
        BankApi.StartAsync(
            host: b =>
            {
                b.Configuration.AddInMemoryCollection(Tokens.Settings);
                b.Services.AddWeeEventsAuth();
            },
            description: TellerBank);

    private static Action<HttpRequestMessage> As(string subject, params string[] roles) =>
        r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint(subject, roles));

    [Fact]
    public async Task A_caller_without_the_commands_role_gets_a_403_problem_nothing_changes_and_the_refusal_is_counted()
    {
        await using var api = await StartAsync();
        using var denied = new DeniedAttempts("account", WithdrawFunds.Name);
        using var opened = await api.PostAsync("/account/t-1/open-account", """{ "owner": "Ada", "initialBalance": 100 }""", As("ada"));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);

        using var response = await api.PostAsync("/account/t-1/withdraw-funds", """{ "amount": 30 }""", As("ada", "customer"));

        await Problems.ReadAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(1, api.Store.Appends);
        Assert.Equal(1, denied.Count);
    }

    [Fact]
    public async Task A_caller_holding_the_role_runs_the_command()
    {
        await using var api = await StartAsync();
        using var opened = await api.PostAsync("/account/t-2/open-account", """{ "owner": "Ada", "initialBalance": 100 }""", As("ada"));

        using var response = await api.PostAsync("/account/t-2/withdraw-funds", """{ "amount": 30 }""", As("bob", Teller));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(70m, (await BankApi.BodyAsync(response)).GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Without_a_token_a_role_protected_command_is_a_401_not_a_403()
    {
        await using var api = await StartAsync();

        using var response = await api.PostAsync("/account/t-3/withdraw-funds", """{ "amount": 30 }""");

        await Problems.ReadAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_event_history_is_for_operators_only()
    {
        await using var api = await StartAsync();
        using var opened = await api.PostAsync("/account/t-4/open-account", """{ "owner": "Ada", "initialBalance": 100 }""", As("ada"));

        using var asCustomer = await api.GetAsync("/account/t-4/events", As("ada"));
        using var asOperator = await api.GetAsync("/account/t-4/events", As("ops", WeeEventsRoles.Operator));

        await Problems.ReadAsync(asCustomer, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, asOperator.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_declares_the_bearer_scheme_and_each_operations_requirement()
    {
        await using var api = await StartAsync();

        using var response = await api.GetAsync("/openapi/v1.json");

        var document = await BankApi.BodyAsync(response);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        Assert.Equal([Teller], Roles(paths.GetProperty("/account/{key}/withdraw-funds").GetProperty("post")));
        Assert.Empty(Roles(paths.GetProperty("/account/{key}/open-account").GetProperty("post")));
        Assert.Equal([WeeEventsRoles.Operator], Roles(paths.GetProperty("/account/{key}/events").GetProperty("get")));
        Assert.True(paths.GetProperty("/account/{key}/withdraw-funds").GetProperty("post").GetProperty("responses").TryGetProperty("403", out _));
    }

    private static string[] Roles(JsonElement operation) =>
        [.. operation.GetProperty("security").EnumerateArray().Single().GetProperty("Bearer").EnumerateArray().Select(r => r.GetString()!)];

    /// <summary>Counts <c>wee_events.command.denied</c> for one entity type and command while it lives.</summary>
    private sealed class DeniedAttempts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;

        public DeniedAttempts(string entityType, string command)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "WeeEvents" && instrument.Name == "wee_events.command.denied")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var ours = false;
                var type = false;
                foreach (var tag in tags)
                {
                    type |= tag.Key == "wee_events.aggregate.type" && Equals(tag.Value, entityType);
                    ours |= tag.Key == "wee_events.command" && Equals(tag.Value, command);
                }

                if (ours && type)
                {
                    Interlocked.Add(ref _count, (int)value);
                }
            });
            _listener.Start();
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
