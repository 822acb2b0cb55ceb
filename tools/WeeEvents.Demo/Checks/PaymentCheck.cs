using WeeEvents.Demo.Orders;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Payment.Domain;
using WeeEvents.Services.Payment.Gateway;

namespace WeeEvents.Demo.Checks;

/// <summary>The money at the end of a run.</summary>
/// <param name="Succeeded">Payments charged and kept.</param>
/// <param name="Refunded">Payments charged, then given back (a cancel that lost the race with the charge).</param>
/// <param name="Failed">Declined charges.</param>
/// <param name="Voided">Payments cancelled before any charge (rejected, or cancelled in time).</param>
/// <param name="Kept">The money kept: succeeded payments' amounts.</param>
/// <param name="Owed">The totals of completed orders.</param>
/// <param name="GatewayKept">What the simulated gateway holds (charged minus refunded); null with another gateway.</param>
/// <param name="Problems">Orders whose payment does not match their end.</param>
public sealed record PaymentBooks(int Succeeded, int Refunded, int Failed, int Voided, decimal Kept, decimal Owed, decimal? GatewayKept, IReadOnlyList<string> Problems);

/// <summary>
/// Every completed order was charged once, and no money was kept for an order that did not complete: its payment
/// failed, was refunded or was cancelled before any charge; the gateway holds exactly the completed orders' totals.
/// </summary>
public sealed class PaymentCheck(IService<PaymentState> payments, IPaymentGateway gateway, OrderTracker tracker)
{
    /// <summary>The check's name in the report.</summary>
    public const string Name = "completed orders paid once, no money kept for the others";

    /// <summary>Reads the payment of every terminal order.</summary>
    public async Task<PaymentBooks> ReadAsync(CancellationToken cancellationToken)
    {
        int succeeded = 0, refunded = 0, failed = 0, voided = 0;
        decimal kept = 0, owed = 0;
        var problems = new List<string>();
        foreach (var plan in tracker.Plans)
        {
            if (tracker.EndOf(plan.OrderId) is not { } end)
            {
                continue;
            }

            var state = await StateAsync(plan.OrderId, cancellationToken);
            switch (state)
            {
                case PaymentState.Succeeded s:
                    succeeded++;
                    kept += s.Amount;
                    break;
                case PaymentState.Refunded:
                    refunded++;
                    break;
                case PaymentState.Failed:
                    failed++;
                    break;
                case PaymentState.Cancelled:
                    voided++;
                    break;
                default:
                    break;
            }

            if (end.Outcome == OrderOutcome.Completed)
            {
                owed += plan.Command.ToDetails().Total;
                if (state is not PaymentState.Succeeded)
                {
                    problems.Add($"{plan.OrderId} completed, payment {state.Name}");
                }
            }
            else if (state is not (PaymentState.Failed or PaymentState.Refunded or PaymentState.Cancelled))
            {
                problems.Add($"{plan.OrderId} {end.Outcome.ToString().ToLowerInvariant()}, payment {state.Name}");
            }
        }

        decimal? gatewayKept = gateway is SimulatedPaymentGateway simulated
            ? simulated.Charged.Where(c => !simulated.Refunded.Contains(c.Key)).Sum(c => c.Value)
            : null;
        return new PaymentBooks(succeeded, refunded, failed, voided, kept, owed, gatewayKept, problems);
    }

    private async Task<PaymentState> StateAsync(string orderId, CancellationToken cancellationToken)
    {
        try
        {
            return (await payments.LoadAsync(new AggregateId(PaymentService.EntityType, orderId), cancellationToken)).State;
        }
        catch (EntityNotAvailable)
        {
            // No payment event yet: the Payment service has not heard of the order.
            return new PaymentState.Uninitialized();
        }
    }

    /// <summary>The check over <paramref name="books"/>.</summary>
    public static DemoCheck Evaluate(PaymentBooks books)
    {
        ArgumentNullException.ThrowIfNull(books);
        var problems = books.Problems.Take(5).ToList();
        if (books.Kept != books.Owed)
        {
            problems.Add($"kept {books.Kept:N2} != completed orders' totals {books.Owed:N2}");
        }

        if (books.GatewayKept is { } atGateway && atGateway != books.Owed)
        {
            problems.Add($"the gateway holds {atGateway:N2} != completed orders' totals {books.Owed:N2}");
        }

        var figures = $"{books.Succeeded} charged ({books.Kept:N2} EUR), {books.Refunded} refunded, {books.Failed} declined, {books.Voided} voided before any charge";
        return problems.Count == 0
            ? new DemoCheck(Name, true, figures)
            : new DemoCheck(Name, false, $"{string.Join("; ", problems)}{(books.Problems.Count > 5 ? $" (and {books.Problems.Count - 5} more)" : string.Empty)}");
    }
}
