using WeeEvents.Samples.BankAccount;
using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// The HTTP API serves only what states who may read it, and only where a caller can be named: a description without an
/// access declaration, or one owned by customers on a host without authentication, does not start.
/// </summary>
public sealed class AccessDeclarationTests
{
    private static ServiceDescription<AccountState> Accounts(Func<DispatcherDescriptionBuilder<AccountState>, DispatcherDescriptionBuilder<AccountState>> access) =>
        ServiceDescription.Create(
            new ServiceInfo(BankAccountService.EntityType),
            BankAccountService.Loader,
            access(DispatcherDescription.For<AccountState>())
                .Command(OpenAccount.Name, new OpenAccount.Validator(), AccountCommandHandlers.Open, CommandAccess.Authenticated)
                .Description());

    [Fact]
    public async Task A_description_that_declares_no_access_is_not_served()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BankApi.StartAsync(description: Accounts(d => d)));

        Assert.Contains("declares no access", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entities_owned_by_customers_are_not_served_without_authentication_to_name_the_caller()
    {
        var owned = Accounts(d => d.Access(EntityAccess<AccountState>.OwnedBy(state => state is AccountState.Open open ? open.Owner : null, "teller")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BankApi.StartAsync(description: owned));

        Assert.Contains("AddWeeEventsAuth", error.Message, StringComparison.Ordinal);
    }
}
