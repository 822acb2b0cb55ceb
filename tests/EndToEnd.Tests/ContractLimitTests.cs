using WeeEvents.Contracts;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// No poison between our own services: an order at every limit Order accepts is processed by every other service to
/// its end, and reasons composed along the way stay within what each consumer accepts.
/// </summary>
[Collection(nameof(PostgresOrderFlow))]
public sealed class ContractLimitTests(PostgresOrderSystem system)
{
    private static readonly TimeSpan FlowTimeout = TimeSpan.FromSeconds(90);

    private static string Longest(string prefix, int length) => (prefix + Guid.NewGuid().ToString("N")).PadRight(length, 'x')[..length];

    private static PlaceOrder AtEveryLimit(string token, IEnumerable<OrderLine> lines) => new(
        Longest("customer-", ContractLimits.MaxCustomerIdLength),
        "EUR",
        [.. lines],
        new Address(
            Longest("Ada ", ContractLimits.MaxAddressNameLength),
            Longest("1 Main St ", ContractLimits.MaxAddressLineLength),
            Longest("London ", ContractLimits.MaxCityLength),
            Longest("N1 ", ContractLimits.MaxPostalCodeLength),
            "GB"),
        token.PadRight(ContractLimits.MaxPaymentTokenLength, '0'));

    [Fact]
    public async Task An_order_of_the_most_lines_units_and_price_with_every_field_at_its_longest_completes()
    {
        var skus = Enumerable.Range(0, ContractLimits.MaxLines).Select(_ => Longest("sku-", ContractLimits.MaxSkuLength)).ToArray();
        foreach (var sku in skus)
        {
            await system.StockAndPriceAsync(sku, ContractLimits.MaxQuantity, ContractLimits.MaxUnitPrice);
        }

        var (orderId, order) = (Ids.New("order"), AtEveryLimit("tok_visa", skus.Select(s => new OrderLine(s, ContractLimits.MaxQuantity, ContractLimits.MaxUnitPrice))));
        await system.PlaceAsync(orderId, order);

        var end = await system.AwaitOrderEndAsync(orderId, FlowTimeout);
        Assert.Equal("completed", end.Status());
        await system.AssertBalancedAsync(skus.ToDictionary(s => s, _ => ContractLimits.MaxQuantity), new Dictionary<string, PlaceOrder> { [orderId] = order }, new Dictionary<string, System.Text.Json.JsonElement> { [orderId] = end });
    }

    [Fact]
    public async Task An_order_short_on_all_of_the_most_lines_is_rejected_with_a_reason_every_service_accepts()
    {
        var (orderId, order) = (Ids.New("order"), AtEveryLimit("tok_visa", Enumerable.Range(0, ContractLimits.MaxLines)
            .Select(_ => new OrderLine(Longest("sku-", ContractLimits.MaxSkuLength), ContractLimits.MaxQuantity, 1m))));
        await system.PlaceAsync(orderId, order);

        var end = await system.AwaitOrderEndAsync(orderId, FlowTimeout);

        Assert.Equal("rejected", end.Status());
        var reason = end.GetProperty("reason").GetString()!;
        Assert.InRange(reason.Length, 1, ContractLimits.MaxReasonLength);
    }
}
