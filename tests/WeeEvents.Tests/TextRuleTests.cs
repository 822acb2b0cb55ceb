using WeeEvents.Telemetry;

namespace WeeEvents.Tests;

/// <summary>One rule for every text a client sends, and one way to put caller text in a log line.</summary>
public sealed class TextRuleTests
{
    public static TheoryData<string> Refused => new()
    {
        "\u0000", "a\u0000b", "a\nb", "\r", "\t", "\u001F", "\u007F", "\u0080", "\u0085", "\u009F",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Control_characters_and_unpaired_surrogates_are_refused_with_their_position(string text)
    {
        var problem = TextRule.Check(text);

        Assert.NotNull(problem);
        Assert.Contains("position", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpaired_surrogates_are_refused_and_escaped_in_logs()
    {
        // Built here: a test case's data would carry them as U+FFFD.
        var high = ((char)0xD800).ToString();
        var low = ((char)0xDC00).ToString();

        Assert.Contains("unpaired surrogate at position 0", TextRule.Check(high), StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate at position 1", TextRule.Check("a" + low), StringComparison.Ordinal);
        Assert.Contains("unpaired surrogate at position 1", TextRule.Check("x" + high), StringComparison.Ordinal);
        Assert.Equal("lone \\ud800 surrogate", LogText.Escape($"lone {high} surrogate"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Ada Lovelace")]
    [InlineData("Zürich 日本 😀 \u00A0 \u200B -'\"\\/")]
    [InlineData("\u00A0\u00FF\uFFFD")]
    public void Text_of_any_script_passes(string text) => Assert.True(TextRule.IsValid(text));

    [Fact]
    public void Keys_follow_the_text_rule_with_the_same_words()
    {
        Assert.Equal(TextRule.Check("a\u0085b", "key"), AggregateKeyRule.Check("a\u0085b"));
        Assert.Equal("The key contains '/' at position 1.", AggregateKeyRule.Check("a/b"));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\nINFO: forged", "a\\nINFO: forged")]
    [InlineData("a\r\nb\tc\u0000d\u0085e\u2028", "a\\r\\nb\\tc\\u0000d\\u0085e\\u2028")]
    [InlineData("back\\slash", "back\\\\slash")]
    public void Log_text_escapes_what_could_forge_a_line(string text, string logged) => Assert.Equal(logged, LogText.Escape(text));

    [Fact]
    public void Log_text_is_cut_without_splitting_a_pair()
    {
        var text = new string('a', LogText.MaxLength - 1) + "😀" + new string('b', 100);

        var logged = LogText.Escape(text)!;

        Assert.StartsWith(new string('a', LogText.MaxLength - 1) + "…(", logged, StringComparison.Ordinal);
        Assert.Null(LogText.Escape(null));
    }
}
