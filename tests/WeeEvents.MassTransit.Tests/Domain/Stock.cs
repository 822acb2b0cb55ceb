using FluentValidation;
using WeeEvents.MassTransit.Outbox;
using WeeEvents.MassTransit.Tests.Contracts;

namespace WeeEvents.MassTransit.Tests.Domain;

/// <summary>Service B: stock of one SKU; "reserve" records "reserved" unless the quantity is absurd.</summary>
public static class Stock
{
    public const string ReserveCommand = "reserve";
    public const string ReservedEvent = "reserved";
    public const int MaxQuantity = 1000;

    public sealed record Reserve(string OrderId, int Quantity);

    public sealed record Reserved(string OrderId, int Quantity);

    public sealed record State(int Reserved, int Reservations);

    public sealed class ReserveValidator : AbstractValidator<Reserve>
    {
        public ReserveValidator()
        {
            RuleFor(c => c.OrderId).NotEmpty();
            RuleFor(c => c.Quantity).GreaterThan(0);
        }
    }

    public sealed class TooMuch(AggregateId aggregate, int quantity)
        : DomainRuleViolation(aggregate, "stocked", ReserveCommand, $"Cannot reserve {quantity}: at most {MaxQuantity}.");

    public static readonly ServiceDescription<State> Description = ServiceDescription.Create(
        new ServiceInfo("stock"),
        LoaderDescription.FromInitializer(() => new State(0, 0))
            .Reducer<Reserved>(ReservedEvent, (s, e) => new State(s.Reserved + e.Data.Quantity, s.Reservations + 1))
            .Description(),
        DispatcherDescription.For<State>()
            .Command<Reserve>(ReserveCommand, new ReserveValidator(), (publisher, entity, command, _) =>
            {
                if (command.Quantity > MaxQuantity)
                {
                    throw new TooMuch(entity.Aggregate, command.Quantity);
                }

                publisher.Publish(ReservedEvent, new Reserved(command.OrderId, command.Quantity));
                return Task.CompletedTask;
            }, CommandAccess.Authenticated)
            .Description());

    public static readonly OutboxMapper Mapper = OutboxMapper.Empty
        .Map<Reserved, StockReserved>(ReservedEvent, e => new StockReserved(e.Data.OrderId, e.Aggregate.Key, e.Data.Quantity));
}
