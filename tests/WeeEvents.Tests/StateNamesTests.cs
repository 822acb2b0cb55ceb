using System.Text.Json.Serialization;

namespace WeeEvents.Tests;

/// <summary>
/// A state union names its cases once, in the discriminators of its JSON <c>status</c>; its <c>Name</c> and its read
/// models' statuses read them from there, and a case without a name is refused at first use.
/// </summary>
public sealed class StateNamesTests
{
    [JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
    [JsonDerivedType(typeof(Open), "open")]
    [JsonDerivedType(typeof(Closed), "closed")]
    public abstract record Named
    {
        public sealed record Open : Named;

        public sealed record Closed : Named;
    }

    [JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
    [JsonDerivedType(typeof(Open), "open")]
    public abstract record MissingOne
    {
        public sealed record Open : MissingOne;

        public sealed record Forgotten : MissingOne;
    }

    [Fact]
    public void A_state_is_named_as_its_json_status_says()
    {
        Assert.Equal("closed", StateNames<Named>.Of(new Named.Closed()));
        Assert.Equal("open", StateNames<Named>.Of<Named.Open>());
        Assert.Equal("closed", System.Text.Json.JsonSerializer.SerializeToNode<Named>(new Named.Closed())!["status"]!.GetValue<string>());
    }

    [Fact]
    public void A_read_model_lists_every_state_it_can_hold_in_declaration_order()
    {
        Assert.Equal(["open", "closed"], StateNames<Named>.All);
        Assert.Equal(["closed"], StateNames<Named>.AllBut(typeof(Named.Open)));
    }

    [Fact]
    public void A_state_without_a_name_is_refused_naming_it()
    {
        var error = Assert.Throws<TypeInitializationException>(() => StateNames<MissingOne>.All);

        Assert.Contains("Forgotten", error.InnerException!.Message, StringComparison.Ordinal);
    }
}
