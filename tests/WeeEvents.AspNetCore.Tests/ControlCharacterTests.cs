using System.Net;
using System.Text.Json;
using WeeEvents.AspNetCore.Http;

namespace WeeEvents.AspNetCore.Tests;

/// <summary>
/// One rule for text (<see cref="TextRule"/>): a control character (NUL, a line break, C1) or broken Unicode in any text
/// field of a command body, or in any query value, is a 400 naming the field before anything is stored.
/// </summary>
public sealed class ControlCharacterTests
{
    public static TheoryData<string> BadText => new() { "\\u0000", "Ada\\u0000", "Ada\\nLovelace", "\\t", "\\u0085", "\\u007f", "\\ud800" };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task A_control_character_in_a_text_field_is_a_400_naming_the_field_and_nothing_is_stored(string escaped)
    {
        await using var api = await BankApi.StartAsync();

        using var response = await api.PostAsync("/account/t-1/open-account", $$"""{ "owner": "{{escaped}}", "initialBalance": 1 }""");

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("owner", out _), problem.ToString());
        Assert.Equal(0, api.Store.Appends);
    }

    [Theory]
    [InlineData("/account/t-2?x=%00", "x")]
    [InlineData("/account/t-2?revision=1&note=a%0Ab", "note")]
    [InlineData("/account/t-2/events?after=%C2%85", "after")]
    public async Task A_control_character_in_any_query_value_is_a_400_naming_the_parameter(string path, string parameter)
    {
        await using var api = await BankApi.StartAsync();
        await api.OpenAsync("t-2");

        using var response = await api.GetAsync(path);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Every_string_at_any_depth_is_checked_and_named_as_validators_name_it()
    {
        using var document = JsonDocument.Parse("""
            { "customerId": "c\u0000", "lines": [ { "sku": "ok" }, { "sku": "a\nb" } ], "shippingAddress": { "name": "Ada", "city": "\u0085" }, "quantity": 2 }
            """);

        var errors = CommandText.Check(document.RootElement);

        Assert.Equal(["customerId", "lines[1].sku", "shippingAddress.city"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Ordinary_text_of_any_script_passes()
    {
        using var document = JsonDocument.Parse("""{ "name": "Ada Lovelace", "city": "Zürich", "note": "日本 😀 \u00A0 -'\"\\" }""");

        Assert.Empty(CommandText.Check(document.RootElement));
    }
}
