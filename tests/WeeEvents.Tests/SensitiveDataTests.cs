using System.Text.Json;

namespace WeeEvents.Tests;

public class SensitiveDataTests
{
    public sealed record Card(string Holder, [property: Sensitive] string Token);

    public sealed record Placed(string Order, Card Card, IReadOnlyList<Card> Spares);

    [Theory]
    [InlineData("tok_visa", "tok_…isa")]
    [InlineData("tok_4242424242424242", "tok_…242")]
    [InlineData("abcdefgh", "…fgh")]
    [InlineData("tok_ab", "tok_…")]
    public void A_value_is_masked_to_its_kind_and_last_three_characters(string value, string masked) =>
        Assert.Equal(masked, SensitiveData.Mask(value));

    [Fact]
    public void Responses_write_sensitive_properties_masked_and_storage_keeps_them()
    {
        var placed = new Placed("o-1", new Card("Ada", "tok_visa"), [new Card("Ada", "tok_amex")]);

        var response = JsonSerializer.SerializeToElement(placed, SensitiveData.ResponseOptions);
        var stored = JsonSerializer.SerializeToElement(placed, WeeEventsJson.Options);

        Assert.Equal("tok_…isa", response.GetProperty("card").GetProperty("token").GetString());
        Assert.Equal("tok_…mex", response.GetProperty("spares")[0].GetProperty("token").GetString());
        Assert.Equal("Ada", response.GetProperty("card").GetProperty("holder").GetString());
        Assert.Equal("tok_visa", stored.GetProperty("card").GetProperty("token").GetString());
    }

    [Fact]
    public void Stored_json_is_masked_at_the_paths_its_type_declares_sensitive_at_any_depth()
    {
        var classification = WeeEvents.Protection.PersonalDataClassification.Of(typeof(Placed));
        var stored = JsonSerializer.SerializeToElement(new Placed("o-1", new Card("Ada", "tok_visa"), [new Card("Ada", "tok_amex")]), WeeEventsJson.Options);

        var masked = SensitiveData.MaskIn(stored, classification);

        Assert.Equal(["card.token", "spares[].token"], classification.Paths.Select(p => p.Path));
        Assert.DoesNotContain("tok_visa", masked.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("tok_amex", masked.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("o-1", masked.GetProperty("order").GetString());
    }
}
