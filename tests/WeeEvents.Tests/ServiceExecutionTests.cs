using System.Text.Json;
using WeeEvents.Samples.BankAccount.Domain.Commands;

namespace WeeEvents.Tests;

public class ServiceExecutionTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public async Task A_json_command_runs_and_returns_the_entity_after_it()
    {
        var (_, service) = Bank.Create();
        var entity = await service.ExecuteAsync(OpenAccount.Name, Bank.Description.Id("a"), Json("""{"owner":"Ada","initialBalance":12.5}"""), Callers.AsService, TestContext.Current.CancellationToken);

        Assert.Equal(new Revision(1), entity.Revision);
        Assert.Equal("account", entity.Type);
    }

    [Fact]
    public async Task Validator_failures_name_every_field()
    {
        var (store, service) = Bank.Create();
        var id = Bank.Description.Id("a");
        var error = await Assert.ThrowsAsync<CommandValidationFailed>(() =>
            service.ExecuteAsync(OpenAccount.Name, id, Json("""{"owner":"","initialBalance":-1}"""), Callers.AsService));

        Assert.Equal(["initialBalance", "owner"], error.Errors.Select(e => e.Field).Order());
        Assert.Empty(await store.LoadAsync(id));
    }

    [Theory]
    [InlineData("""{"owner":"Ada","initialBalance":"lots"}""", "initialBalance")]
    [InlineData("""{"initialBalance":1}""", "")]
    [InlineData("""{"owner":null,"initialBalance":1}""", "owner")]
    [InlineData("""[1,2]""", "")]
    public async Task A_malformed_payload_is_a_validation_failure_not_a_crash(string json, string field)
    {
        var (_, service) = Bank.Create();
        var error = await Assert.ThrowsAsync<CommandValidationFailed>(() =>
            service.ExecuteAsync(OpenAccount.Name, Bank.Description.Id("a"), Json(json), Callers.AsService));

        var only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.DoesNotContain("System.", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_body_is_a_validation_failure()
    {
        var (_, service) = Bank.Create();
        var error = await Assert.ThrowsAsync<CommandValidationFailed>(() =>
            service.ExecuteAsync(OpenAccount.Name, Bank.Description.Id("a"), default(JsonElement), Callers.AsService));
        Assert.Equal("", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task An_unknown_command_is_reported_by_name()
    {
        var (_, service) = Bank.Create();
        var error = await Assert.ThrowsAsync<HandlerNotFound>(() =>
            service.ExecuteAsync("transfer-funds", Bank.Description.Id("a"), Json("{}"), Callers.AsService));
        Assert.Equal("transfer-funds", error.Command);
    }

    [Fact]
    public async Task A_typed_payload_of_another_command_is_refused()
    {
        var (_, service) = Bank.Create();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            service.ExecuteAsync(OpenAccount.Name, Bank.Description.Id("a"), new DepositFunds.Command(1m), Callers.AsService));
    }

    [Fact]
    public async Task An_aggregate_without_events_is_not_available()
    {
        var (_, service) = Bank.Create();
        var error = await Assert.ThrowsAsync<EntityNotAvailable>(() => service.LoadAsync(Bank.Description.Id("nobody")));
        Assert.Equal(Bank.Description.Id("nobody"), error.Aggregate);
    }

    [Fact]
    public async Task A_revision_the_aggregate_has_not_reached_is_not_available()
    {
        var (_, service) = Bank.Create();
        var id = Bank.Description.Id("a");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 1m), Callers.AsService);

        await Assert.ThrowsAsync<EntityNotAvailable>(() => service.LoadAsync(id, new Revision(2)));
        await Assert.ThrowsAsync<EntityNotAvailable>(() => service.LoadAsync(id, Revision.Initial));
    }

    [Fact]
    public async Task A_service_refuses_ids_of_another_entity_type()
    {
        var (_, service) = Bank.Create();
        await Assert.ThrowsAsync<ArgumentException>(() => service.LoadAsync(new AggregateId("order", "1")));
    }

    [Fact]
    public async Task An_expected_revision_that_moved_is_a_conflict_without_retry()
    {
        var (store, service) = Bank.Create();
        var id = Bank.Description.Id("a");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 1m), Callers.AsService);
        await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(1m), Callers.AsService);

        var error = await Assert.ThrowsAsync<RevisionConflict>(() => service.ExecuteAsync(
            DepositFunds.Name, id, new DepositFunds.Command(1m), new CommandOptions { Caller = new Caller.Service("bank"), ExpectedRevision = new Revision(1) }));

        Assert.Equal(new Revision(2), error.Actual);
        Assert.Equal(2, (await store.LoadAsync(id)).Count);
    }

    [Fact]
    public async Task A_command_without_a_correlation_id_gets_one_and_its_events_carry_it()
    {
        var (store, service) = Bank.Create();
        var id = Bank.Description.Id("a");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 1m), Callers.AsService);
        await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(1m), new CommandOptions
        {
            CorrelationId = "order-7",
            CausationId = "message-9",
            Caller = new Caller.Service("clerk"),
            IdempotencyKey = "key-1",
        });

        var events = await store.LoadAsync(id);
        Assert.False(string.IsNullOrEmpty(events[0].Metadata.CorrelationId));
        Assert.False(string.IsNullOrEmpty(events[0].Metadata.CausationId));
        Assert.Equal(
            new EventMetadata { CorrelationId = "order-7", CausationId = "message-9", Actor = "service:clerk", IdempotencyKey = "key-1" },
            events[1].Metadata with { TraceParent = null, TraceState = null });
    }

    [Fact]
    public async Task Event_ids_are_time_ordered_uuid_v7()
    {
        var (store, service) = Bank.Create();
        var id = Bank.Description.Id("a");
        await service.ExecuteAsync(OpenAccount.Name, id, new OpenAccount.Command("Ada", 1m), Callers.AsService);
        for (var i = 0; i < 20; i++)
        {
            await service.ExecuteAsync(DepositFunds.Name, id, new DepositFunds.Command(1m), Callers.AsService);
        }

        var ids = (await store.LoadAsync(id)).Select(e => e.EventId).ToArray();
        Assert.All(ids, g => Assert.Equal(7, g.Version));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(ids.Select(g => g.ToString()[..13]).Order(StringComparer.Ordinal), ids.Select(g => g.ToString()[..13]));
    }
}
