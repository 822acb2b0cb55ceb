using WeeEvents.Samples.BankAccount.Domain;
using WeeEvents.Samples.BankAccount.Domain.Commands;
using WeeEvents.Samples.BankAccount.Domain.Events;

namespace WeeEvents.Tests;

public class DescriptionTests
{
    [Fact]
    public void A_description_lists_its_commands_and_events()
    {
        Assert.Equal(
            [CloseAccount.Name, DepositFunds.Name, OpenAccount.Name, WithdrawFunds.Name],
            Bank.Description.Dispatcher.Commands.Select(c => c.Name));
        Assert.Equal(
            [AccountClosed.Name, AccountOpened.Name, FundsDeposited.Name, FundsWithdrawn.Name],
            Bank.Description.Loader.Events.Select(e => e.Type).Order(StringComparer.Ordinal));
        Assert.Equal(typeof(DepositFunds.Command), Bank.Description.Dispatcher.Commands.Single(c => c.Name == DepositFunds.Name).CommandType);
    }

    [Fact]
    public async Task An_internal_command_runs_in_the_service_but_is_not_public()
    {
        var dispatcher = DispatcherDescription.For<AccountState>()
            .Command(OpenAccount.Name, new OpenAccount.Validator(), Samples.BankAccount.Domain.Commands.AccountCommandHandlers.Open, CommandAccess.Authenticated)
            .Command(DepositFunds.Name, new DepositFunds.Validator(), Samples.BankAccount.Domain.Commands.AccountCommandHandlers.Deposit, CommandAccess.ServiceOnly)
            .Description();
        var description = ServiceDescription.Create(new ServiceInfo("account"), Bank.Description.Loader, dispatcher);
        var service = description.CreateService(new InMemoryEventStore());

        Assert.Equal([OpenAccount.Name], dispatcher.PublicCommands.Select(c => c.Name));
        Assert.Equal(CommandExposure.Internal, dispatcher.Commands.Single(c => c.Name == DepositFunds.Name).Exposure);
        await service.ExecuteAsync(OpenAccount.Name, description.Id("a"), new OpenAccount.Command("Ada", 1m), Callers.AsService);
        var entity = await service.ExecuteAsync(DepositFunds.Name, description.Id("a"), new DepositFunds.Command(1m), Callers.AsService);
        Assert.Equal(new Revision(2), entity.Revision);
    }

    [Fact]
    public void Builders_are_immutable_values()
    {
        var empty = DispatcherDescription.For<AccountState>();
        var one = empty.Command(DepositFunds.Name, new DepositFunds.Validator(), (_, _, _, _) => Task.CompletedTask, CommandAccess.Authenticated);

        Assert.Empty(empty.Description().Commands);
        Assert.Single(one.Description().Commands);
    }

    [Fact]
    public void A_command_or_event_cannot_be_registered_twice()
    {
        var dispatcher = DispatcherDescription.For<AccountState>()
            .Command(DepositFunds.Name, new DepositFunds.Validator(), (_, _, _, _) => Task.CompletedTask, CommandAccess.Authenticated);
        Assert.Throws<ArgumentException>(() => dispatcher.Command(DepositFunds.Name, new DepositFunds.Validator(), (_, _, _, _) => Task.CompletedTask, CommandAccess.Authenticated));

        var loader = LoaderDescription.FromInitializer(() => 0).Reducer<int>("x", (s, _) => s);
        Assert.Throws<ArgumentException>(() => loader.Reducer<int>("x", (s, _) => s));
    }

    [Fact]
    public async Task A_handler_publishing_an_event_the_loader_cannot_read_fails_before_recording()
    {
        var dispatcher = DispatcherDescription.For<AccountState>()
            .Command(DepositFunds.Name, new DepositFunds.Validator(), (publisher, _, _, _) =>
            {
                publisher.Publish("bonus-paid", new { amount = 1 });
                return Task.CompletedTask;
            }, CommandAccess.Authenticated)
            .Description();
        var description = ServiceDescription.Create(new ServiceInfo("account"), Bank.Description.Loader, dispatcher);
        var store = new InMemoryEventStore();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            description.CreateService(store).ExecuteAsync(DepositFunds.Name, description.Id("a"), new DepositFunds.Command(1m), Callers.AsService));
        Assert.Empty(await store.LoadAsync(description.Id("a")));
    }

    [Theory]
    [InlineData("order.42", "order", "42")]
    [InlineData("inventory-item.sku.1", "inventory-item", "sku.1")]
    public void Aggregate_ids_encode_as_type_dot_key(string encoded, string type, string key)
    {
        var id = AggregateId.Parse(encoded);
        Assert.Equal(new AggregateId(type, key), id);
        Assert.Equal(encoded, id.ToString());
    }

    [Theory]
    [InlineData("nodot")]
    [InlineData(".key")]
    [InlineData("type.")]
    public void Malformed_aggregate_ids_are_refused(string encoded) =>
        Assert.Throws<FormatException>(() => AggregateId.Parse(encoded));
}
