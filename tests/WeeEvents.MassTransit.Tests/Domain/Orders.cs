using FluentValidation;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.MassTransit.Tests.Contracts;

namespace WeeEvents.MassTransit.Tests.Domain;

/// <summary>Service A: an order of one item; each "place" records one "placed" event.</summary>
public static class Orders
{
    public const string PlaceCommand = "place";
    public const string PlacedEvent = "placed";

    public sealed record Place(string Sku, int Quantity);

    public sealed record Placed(string Sku, int Quantity);

    public sealed record State(int Placements);

    public sealed class PlaceValidator : AbstractValidator<Place>
    {
        public PlaceValidator()
        {
            RuleFor(c => c.Sku).NotEmpty();
            RuleFor(c => c.Quantity).GreaterThan(0);
        }
    }

    public static readonly ServiceDescription<State> Description = ServiceDescription.Create(
        new ServiceInfo("order"),
        LoaderDescription.FromInitializer(() => new State(0))
            .Reducer<Placed>(PlacedEvent, (s, _) => s with { Placements = s.Placements + 1 })
            .Description(),
        DispatcherDescription.For<State>()
            .Command<Place>(PlaceCommand, new PlaceValidator(), (publisher, _, command, _) =>
            {
                publisher.Publish(PlacedEvent, new Placed(command.Sku, command.Quantity));
                return Task.CompletedTask;
            }, CommandAccess.Authenticated)
            .Description());

    public static readonly OutboxMapper Mapper = OutboxMapper.Empty
        .Map<Placed, ItemOrdered>(PlacedEvent, e => new ItemOrdered(e.Aggregate.Key, e.Data.Sku, e.Data.Quantity));
}
