using WeeEvents.Samples.BankAccount;
using WeeEvents.Samples.BankAccount.Domain;

namespace WeeEvents.Tests;

/// <summary>The sample account service, as the framework's subject under test.</summary>
internal static class Bank
{
    public static ServiceDescription<AccountState> Description => BankAccountService.Description;

    /// <summary>The same service under another entity type, so that tests reading global telemetry see only their own.</summary>
    public static ServiceDescription<AccountState> Named(string entityType) =>
        ServiceDescription.Create(new ServiceInfo(entityType), BankAccountService.Loader, BankAccountService.Dispatcher);

    public static (InMemoryEventStore Store, IService<AccountState> Service) Create(ServiceOptions? options = null)
    {
        var store = new InMemoryEventStore();
        return (store, Description.CreateService(store, options));
    }
}
