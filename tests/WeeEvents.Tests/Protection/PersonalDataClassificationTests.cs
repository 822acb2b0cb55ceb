using System.Text.Json;
using WeeEvents.Protection;

namespace WeeEvents.Tests.Protection;

public class PersonalDataClassificationTests
{
    public sealed record Address([property: PersonalData] string Name, string Country);

    public sealed record Line(string Sku, [property: PersonalData] string? GiftNote = null);

    public sealed record Placed([property: DataSubject] string CustomerId, Address Address, IReadOnlyList<Line> Lines, [property: Sensitive, PersonalData] string Token);

    public abstract record State
    {
        public sealed record Empty : State;

        public sealed record Held(Placed Order) : State;
    }

    public sealed record Tree(string Label, IReadOnlyList<Tree> Children, [property: PersonalData] string? Owner = null);

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, WeeEventsJson.Options);

    [Fact]
    public void A_type_declares_its_fields_once_as_json_paths()
    {
        var classification = PersonalDataClassification.Of(typeof(Placed));

        Assert.Equal(
            [
                new ClassifiedPath("address.name", FieldClass.Personal),
                new ClassifiedPath("customerId", FieldClass.Subject),
                new ClassifiedPath("lines[].giftNote", FieldClass.Personal),
                new ClassifiedPath("token", FieldClass.Personal | FieldClass.Sensitive),
            ],
            classification.Paths);
        Assert.Same(classification, PersonalDataClassification.Of(typeof(Placed)));
    }

    [Fact]
    public void The_cases_of_a_closed_hierarchy_and_a_wrapper_property_are_classified()
    {
        Assert.Contains(new ClassifiedPath("order.address.name", FieldClass.Personal), PersonalDataClassification.Of(typeof(State)).Paths);
        Assert.Contains(new ClassifiedPath("state.order.address.name", FieldClass.Personal), PersonalDataClassification.Of(typeof(State), "state").Paths);
    }

    [Fact]
    public void A_recursive_record_is_classified_without_looping()
    {
        Assert.Contains(new ClassifiedPath("owner", FieldClass.Personal), PersonalDataClassification.Of(typeof(Tree)).Paths);
    }

    [Fact]
    public void The_walker_finds_declared_paths_only_with_the_subject_in_scope()
    {
        var placed = new Placed("c-1", new Address("Ada", "GB"), [new Line("sku-1", "happy birthday"), new Line("pd2.looks-like-a-ciphertext")], "tok_visa");
        var found = new List<ClassifiedField>();

        var root = PersonalDataWalker.Find(Json(placed).GetRawText(), PersonalDataClassification.Of(typeof(Placed)), FieldClass.Personal, "order.o-1", found);

        Assert.NotNull(root);
        Assert.Equal(["address.name:Ada", "lines[].giftNote:happy birthday", "token:tok_visa"], found.Select(f => $"{f.Path}:{f.Value}").Order(StringComparer.Ordinal));
        Assert.All(found, f => Assert.Equal("c-1", f.Subject));
    }

    [Fact]
    public void Without_a_subject_field_the_fallback_is_in_scope()
    {
        var found = new List<ClassifiedField>();

        PersonalDataWalker.Find(Json(new Address("Ada", "GB")).GetRawText(), PersonalDataClassification.Of(typeof(Address)), FieldClass.Personal, "order.o-1", found);

        Assert.Equal("order.o-1", Assert.Single(found).Subject);
    }

    [Fact]
    public void The_mask_strategy_masks_the_selected_class()
    {
        var placed = Json(new Placed("c-1", new Address("Ada Lovelace", "GB"), [], "tok_visa"));
        var classification = PersonalDataClassification.Of(typeof(Placed));

        var sensitive = PersonalDataWalker.Mask(placed, classification, FieldClass.Sensitive);
        var everything = PersonalDataWalker.Mask(placed, classification, FieldClass.Sensitive | FieldClass.Personal);

        Assert.Equal("tok_…isa", sensitive.GetProperty("token").GetString());
        Assert.Equal("Ada Lovelace", sensitive.GetProperty("address").GetProperty("name").GetString());
        Assert.Equal("…ace", everything.GetProperty("address").GetProperty("name").GetString());
        Assert.Equal("c-1", everything.GetProperty("customerId").GetString());
    }

    [Fact]
    public void A_state_holding_personal_data_cannot_be_snapshotted()
    {
        var builder = LoaderDescription.FromInitFunction<State>(_ => new State.Empty());

        var refused = Assert.Throws<PersonalDataNotSnapshottable>(() => builder.Snapshots(10));

        Assert.Contains("order.address.name", refused.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(State), refused.StateType);
    }
}
