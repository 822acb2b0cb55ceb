using System.Net;
using WeeEvents.Samples.BankAccount;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>Commands only the service's own consumers run are not offered to clients.</summary>
public sealed class InternalCommandTests
{
    // The sample with deposits made internal, as a service does with commands its consumers run.
    private static readonly ServiceDescription<AccountState> WithInternalDeposits = ServiceDescription.Create(
        new ServiceInfo(BankAccountService.EntityType),
        BankAccountService.Loader,
        DispatcherDescription.For<AccountState>().Access(EntityAccess<AccountState>.AnyCaller())
            .Command(OpenAccount.Name, new OpenAccount.Validator(), AccountCommandHandlers.Open, CommandAccess.Authenticated)
            .Command(DepositFunds.Name, new DepositFunds.Validator(), AccountCommandHandlers.Deposit, CommandAccess.ServiceOnly)
            .Description());

    [Fact]
    public async Task An_internal_command_is_not_found_over_http_and_records_nothing()
    {
        await using var api = await BankApi.StartAsync(description: WithInternalDeposits);
        await api.OpenAsync("i-1", 10m);

        using var response = await api.PostAsync("/account/i-1/deposit-funds", """{ "amount": 5 }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await BankApi.BodyAsync(response);
        Assert.EndsWith("command-not-found", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Single(await api.Store.LoadAsync(WithInternalDeposits.Id("i-1"), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_internal_command_is_left_out_of_the_openapi_document()
    {
        await using var api = await BankApi.StartAsync(description: WithInternalDeposits);

        var document = await (await api.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("/account/{key}/open-account", document, StringComparison.Ordinal);
        Assert.DoesNotContain("deposit-funds", document, StringComparison.Ordinal);
    }
}
