using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Samples.BankAccount;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;
using WeeEvents.Telemetry;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// A malformed route key is never a 500: an anonymous caller is a 401 (authentication comes first), an authenticated
/// one a 400; an attempt at an audited command is audited either way; and an audit sink that fails changes nothing.
/// </summary>
public sealed class BadKeyAuditTests
{
    private static readonly DevelopmentTokens Tokens = DevelopmentTokens.CreateRandom();

    /// <summary>The bank account, where withdrawals are audited.</summary>
    private static readonly ServiceDescription<AccountState> AuditedBank = ServiceDescription.Create(
        BankAccountService.Description.Info,
        BankAccountService.Loader,
        DispatcherDescription.For<AccountState>()
            .Access(EntityAccess<AccountState>.AnyCaller())
            .Command(OpenAccount.Name, new OpenAccount.Validator(), AccountCommandHandlers.Open, CommandAccess.Authenticated, startsStream: true)
            .Command(DepositFunds.Name, new DepositFunds.Validator(), AccountCommandHandlers.Deposit, CommandAccess.Authenticated)
            .Command(WithdrawFunds.Name, new WithdrawFunds.Validator(), AccountCommandHandlers.Withdraw, CommandAccess.Authenticated)
            .Audited(WithdrawFunds.Name)
            .Description());

    private static Task<BankApi> StartAsync(LogCapture logs) =>
        BankApi.StartAsync(
            host: b =>
            {
                b.Configuration.AddInMemoryCollection(Tokens.Settings);
                b.Services.AddWeeEventsAuth();
                b.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
            },
            description: AuditedBank);

    private static Action<HttpRequestMessage> As(string subject) =>
        r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint(subject));

    public static TheoryData<string> BadKeys => new() { "%20", "%01", "a%0Ab", new string('k', 300) };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task An_anonymous_attempt_with_a_malformed_key_is_a_401_and_audited(string key)
    {
        var logs = new LogCapture();
        await using var api = await StartAsync(logs);

        using var audited = await api.PostAsync($"/account/{key}/withdraw-funds", """{ "amount": 1 }""");
        using var other = await api.PostAsync($"/account/{key}/deposit-funds", """{ "amount": 1 }""");
        using var read = await api.GetAsync($"/account/{key}");

        await Problems.ReadAsync(audited, HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.ReadAsync(other, HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.ReadAsync(read, HttpStatusCode.Unauthorized, "unauthorized");
        var entry = Assert.Single(logs.Audit);
        Assert.Equal(("anonymous", "withdraw-funds", AuditLog.Denied), ((string)entry["Actor"]!, (string)entry["Command"]!, (string)entry["Outcome"]!));
        Assert.DoesNotContain('\n', (string)entry["Aggregate"]!);
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task An_authenticated_attempt_with_a_malformed_key_is_a_400_naming_the_key_and_audited_as_invalid(string key)
    {
        var logs = new LogCapture();
        await using var api = await StartAsync(logs);

        using var audited = await api.PostAsync($"/account/{key}/withdraw-funds", """{ "amount": 1 }""", As("ada"));
        using var read = await api.GetAsync($"/account/{key}", As("ada"));

        var problem = await Problems.ReadAsync(audited, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("key", out _));
        await Problems.ReadAsync(read, HttpStatusCode.BadRequest, "validation-failed");
        var entry = Assert.Single(logs.Audit);
        Assert.Equal(("ada", AuditLog.Invalid), ((string)entry["Actor"]!, (string)entry["Outcome"]!));
    }

    [Fact]
    public async Task A_failing_audit_sink_is_reported_and_the_commands_outcome_is_unchanged()
    {
        var logs = new LogCapture();
        logs.Failing.Add(AuditLog.Category);
        await using var api = await StartAsync(logs);
        using (var opened = await api.PostAsync("/account/b-1/open-account", """{ "owner": "Ada", "initialBalance": 10 }""", As("ada")))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        using var withdrawn = await api.PostAsync("/account/b-1/withdraw-funds", """{ "amount": 1 }""", As("ada"));
        using var refused = await api.PostAsync("/account/b-1/withdraw-funds", """{ "amount": 100 }""", As("ada"));
        using var anonymous = await api.PostAsync("/account/b-1/withdraw-funds", """{ "amount": 1 }""");

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(3, logs.Entries.Count(e => e.Category == AuditLog.FailureCategory));
    }

    [Fact]
    public async Task What_a_caller_sends_is_escaped_in_the_log()
    {
        var logs = new LogCapture();
        await using var api = await StartAsync(logs);

        using var forged = await api.GetAsync("/account/a%0D%0A[Error]%20forged%20entry/events", As("eve\nINFO: admin signed in"));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var denied = Assert.Single(logs.Entries, e => e.Message.StartsWith("Denied", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', denied.Message);
        Assert.DoesNotContain('\r', denied.Message);
        Assert.Contains("eve\\nINFO", denied.Message, StringComparison.Ordinal);
        Assert.Contains("a\\r\\n[Error]", denied.Message, StringComparison.Ordinal);
    }
}
