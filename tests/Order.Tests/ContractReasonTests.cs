using WeeEvents.Contracts;
using WeeEvents.Services.Order.Domain.Commands;
using WeeEvents.Services.Order.Integration;
using Stock = WeeEvents.Contracts.Inventory;
using Payments = WeeEvents.Contracts.Payment;

namespace WeeEvents.Services.Order.Tests;

/// <summary>What Order makes of other services' words always passes its own commands' rules: no message is parked for it.</summary>
public class ContractReasonTests
{
    [Fact]
    public void A_shortage_on_the_most_lines_of_the_longest_skus_becomes_a_reason_reject_order_accepts()
    {
        var shortages = Enumerable.Range(0, ContractLimits.MaxLines)
            .Select(i => new Stock.StockShortage($"{i}".PadLeft(ContractLimits.MaxSkuLength, 's'), ContractLimits.MaxQuantity, 0, Known: i % 2 == 0))
            .ToArray();

        var command = OrderInbound.From(new Stock.StockReservationFailed("o-1", shortages, DateTimeOffset.UtcNow));

        Assert.True(new RejectOrder.Validator().Validate(command.Payload).IsValid);
        Assert.Equal(ContractLimits.MaxReasonLength, command.Payload.Reason.Length);
        Assert.EndsWith("…", command.Payload.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_reason_of_any_length_becomes_a_cancellation_cancel_order_accepts()
    {
        var command = OrderInbound.From(new Payments.PaymentFailed("o-1", "payment.o-1", new string('r', 5_000), DateTimeOffset.UtcNow));

        Assert.True(new CancelOrder.Validator().Validate(command.Payload).IsValid);
        Assert.StartsWith("payment failed: rrr", command.Payload.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_within_the_limit_is_passed_on_as_it_is() =>
        Assert.Equal("payment failed: card declined", OrderInbound.From(new Payments.PaymentFailed("o-1", "payment.o-1", "card declined", DateTimeOffset.UtcNow)).Payload.Reason);
}
