using Microsoft.Extensions.DependencyInjection;
using WeeEvents.AspNetCore.Security;
using WeeEvents.Contracts.Privacy;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.Messaging;

namespace WeeEvents.Privacy;

/// <summary>
/// The <c>customer</c> entity every service keeps for privacy requests: Order takes <c>forget</c> and publishes
/// <c>CustomerForgotten</c>; every service, Order included, consumes it, erases (<see cref="PersonalDataEraser"/>) and
/// records <c>personal-data-erased</c>.
/// </summary>
public static class CustomerPrivacy
{
    /// <summary>The entity type.</summary>
    public const string EntityType = "customer";

    /// <summary>How the state is built.</summary>
    public static readonly LoaderDescription<CustomerPrivacyState> Loader = LoaderDescription
        .FromInitFunction<CustomerPrivacyState>(customer => new CustomerPrivacyState.None(customer.Key))
        .Reducer<ForgetRequested.Data>(ForgetRequested.Name, (state, e) => state is CustomerPrivacyState.Erased ? state : new CustomerPrivacyState.Requested(state.CustomerId, e.Timestamp))
        .Reducer<PersonalDataErased.Data>(PersonalDataErased.Name, (state, e) => new CustomerPrivacyState.Erased(state.CustomerId, e.Data.KeysDestroyed, e.Data.RepliesPurged, e.Timestamp))
        .Description();

    /// <summary>The customer owns their entity: they may forget themselves; privacy officers and operators anyone.</summary>
    public static readonly EntityAccess<CustomerPrivacyState> Access = EntityAccess<CustomerPrivacyState>
        .OwnedBy(state => state.CustomerId, WeeEventsRoles.PrivacyOfficer, WeeEventsRoles.Operator);

    /// <summary>
    /// <c>forget</c> for the customer themself, privacy officers and operators (asking again publishes again: a service that lost its keys' table
    /// from a backup forgets again); <c>record-erasure</c> for the service itself.
    /// </summary>
    public static readonly DispatcherDescription<CustomerPrivacyState> Dispatcher = DispatcherDescription
        .For<CustomerPrivacyState>()
        .Access(Access)
        .Audited(Forget.Name)
        .Command<Forget.Command>(Forget.Name, new Forget.Validator(), (publisher, _, _, _) =>
        {
            publisher.Publish(ForgetRequested.Name, new ForgetRequested.Data());
            return Task.CompletedTask;
        }, CommandAccess.Owner)
        .Command<RecordErasure.Command>(RecordErasure.Name, new RecordErasure.Validator(), (publisher, _, command, _) =>
        {
            publisher.Publish(PersonalDataErased.Name, new PersonalDataErased.Data(command.KeysDestroyed, command.RepliesPurged));
            return Task.CompletedTask;
        }, CommandAccess.ServiceOnly)
        .Description();

    /// <summary>The service description.</summary>
    public static readonly ServiceDescription<CustomerPrivacyState> Description = ServiceDescription.Create(
        new ServiceInfo(EntityType, "1.0.0", "A customer's privacy requests: forget (crypto-shredding of their personal data in every service)."),
        Loader,
        Dispatcher);

    /// <summary><c>forget-requested</c> → <see cref="CustomerForgotten"/>.</summary>
    public static CustomerForgotten ToContract(RecordedEvent<ForgetRequested.Data> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new CustomerForgotten(recorded.Aggregate.Key, recorded.Timestamp);
    }

    /// <summary>Adds the <c>CustomerForgotten</c> contract to <paramref name="mapper"/> (the service that takes <c>forget</c>).</summary>
    public static OutboxMapper PublishesForget(this OutboxMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        return mapper.Map<ForgetRequested.Data, CustomerForgotten>(ForgetRequested.Name, ToContract);
    }

    /// <summary>The route by which service <paramref name="service"/> forgets a customer when told to.</summary>
    public static MessageRoutes Routes(string service) => MessageRoutes.Empty
        .On<CustomerForgotten>($"{service}.forget-customer", async m =>
        {
            var eraser = m.Services?.GetService<PersonalDataEraser>() ?? new PersonalDataEraser();
            var erased = await eraser.EraseAsync(m.Message.CustomerId, m.CancellationToken).ConfigureAwait(false);
            await m.ExecuteAsync(Description, new KeyedCommand<RecordErasure.Command>(m.Message.CustomerId, RecordErasure.Name, erased)).ConfigureAwait(false);
        });
}
