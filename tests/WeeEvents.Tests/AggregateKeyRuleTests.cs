namespace WeeEvents.Tests;

/// <summary>The one rule for keys: what a key may be, and that an id is never made of one that breaks it.</summary>
public sealed class AggregateKeyRuleTests
{
    public static TheoryData<string> ValidKeys => new()
    {
        "order-1",
        "a",
        "sku.1.2",
        new string('ü', 100),
        new string('a', AggregateKeyRule.MaxLength),
        "日本の注文",
        "\U0001F600",
        "-",
        "..%2F..",
        "an inner space",
    };

    public static TheoryData<string, string> InvalidKeys => new()
    {
        { "", "empty" },
        { " ", "blank" },
        { "\t \u00A0", "blank" },
        { " order-1", "white space" },
        { "order-1 ", "white space" },
        { new string('a', AggregateKeyRule.MaxLength + 1), "201 characters" },
        { new string('a', 5_000), "5000 characters" },
        { "a\u0000b", "control character" },
        { "a\nb", "control character" },
        { "a\u007Fb", "control character" },
        { "a/b", "'/'" },
        { ".", "'.' or '..'" },
        { "..", "'.' or '..'" },
    };

    [Theory]
    [MemberData(nameof(ValidKeys))]
    public void A_key_within_the_rule_makes_an_id(string key)
    {
        Assert.Null(AggregateKeyRule.Check(key));
        Assert.Equal(key, new AggregateId("order", key).Key);
    }

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public void A_key_outside_the_rule_is_refused_saying_what_is_wrong(string key, string what)
    {
        Assert.Contains(what, AggregateKeyRule.Check(key), StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => new AggregateId("order", key));
        Assert.Equal("key", error.ParamName);
        Assert.Contains(AggregateKeyRule.Description, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_well_formed_unicode_is_refused()
    {
        // Built here rather than passed as theory data: test discovery would replace a lone surrogate with U+FFFD.
        foreach (var key in new[] { "a" + '\uD83D', '\uDE00' + "a", "\uDE00\uD83D" })
        {
            Assert.Contains("unpaired surrogate", AggregateKeyRule.Check(key), StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => new AggregateId("order", key));
        }
    }

    [Fact]
    public void An_encoded_id_with_a_key_outside_the_rule_does_not_parse() =>
        Assert.Throws<FormatException>(() => AggregateId.Parse("order. padded"));

    [Theory]
    [InlineData("with.dot")]
    [InlineData(" order")]
    [InlineData("")]
    public void An_entity_type_outside_the_rule_is_refused(string type) =>
        Assert.Equal("type", Assert.Throws<ArgumentException>(() => new AggregateId(type, "1")).ParamName);

    [Fact]
    public void An_entity_type_is_at_most_the_type_columns_length()
    {
        Assert.Null(AggregateKeyRule.CheckType(new string('t', AggregateKeyRule.MaxTypeLength)));
        Assert.NotNull(AggregateKeyRule.CheckType(new string('t', AggregateKeyRule.MaxTypeLength + 1)));
    }
}
