using System.Text.Json.Nodes;
using WeeEvents.Contracts.Compatibility;
using WeeEvents.Contracts.Inventory;
using WeeEvents.Contracts.Payment;

namespace WeeEvents.Contracts.Tests;

/// <summary>
/// <see cref="Money"/>, the one money type: its JSON form is committed like a contract's, the contracts that carry an
/// amount expose it without changing what they send, and the payment rule every service applies is this one.
/// </summary>
public sealed class MoneyTests
{
    private static readonly Money Due = new(140.48m, "EUR");

    [Fact]
    public void The_committed_schema_is_money_as_built()
    {
        var schema = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["title"] = nameof(Money) };
        foreach (var (keyword, value) in ContractSchema.Export(typeof(Money)))
        {
            schema[keyword] = value?.DeepClone();
        }

        var mismatch = CommittedFile.Verify(Path.Combine(ContractFiles.TypesDirectory, "money.schema.json"), ContractFiles.Format(schema));

        Assert.True(mismatch is null, mismatch);
    }

    [Fact]
    public void The_committed_sample_is_money_on_the_wire()
    {
        var mismatch = CommittedFile.Verify(Path.Combine(ContractFiles.TypesDirectory, "money.sample.json"), ContractFiles.Format(Wire.Write(Due)));

        Assert.True(mismatch is null, mismatch);
    }

    [Fact]
    public void A_payment_the_last_release_sent_reads_as_money()
    {
        var read = (PaymentSucceeded)Read<PaymentSucceeded>("urn:message:weeevents:payment:payment-succeeded:v1");

        Assert.Equal(Due, read.Paid);
    }

    [Fact]
    public void A_reservation_from_a_release_that_kept_no_prices_has_no_amount_due()
    {
        var read = (StockReserved)Read<StockReserved>("urn:message:weeevents:inventory:stock-reserved:v1");

        Assert.Null(read.Due);
    }

    [Fact]
    public void Money_is_no_field_of_its_own_on_the_wire()
    {
        var sent = Wire.Write(new PaymentRefunded("order-1", "payment.order-1", 140.48m, "EUR", DateTimeOffset.UnixEpoch));

        Assert.Equal(["orderId", "paymentId", "amount", "currency", "refundedAt"], sent.Select(p => p.Key));
    }

    [Theory]
    [InlineData("140.48", "EUR", true)]
    [InlineData("140.480", "EUR", true)]
    [InlineData("140.47", "EUR", false)]
    [InlineData("140.48", "USD", false)]
    public void A_payment_settles_the_order_only_for_its_amount_in_its_currency(string amount, string currency, bool settles) =>
        Assert.Equal(settles, Money.Settles(new Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency), Due));

    [Fact]
    public void An_amount_a_message_did_not_carry_is_no_evidence_against_the_payment()
    {
        Assert.True(Money.Settles(null, Due));
        Assert.True(Money.Settles(Due, null));
    }

    [Fact]
    public void Money_reads_as_people_write_it() =>
        Assert.Equal("9.90 EUR", new Money(9.9m, "EUR").ToString());

    private static object Read<TContract>(string urn) =>
        Wire.Read(typeof(TContract), urn, ContractFiles.Read(ContractFiles.SamplePath(ContractRelease.Last().Directory, urn)));
}
