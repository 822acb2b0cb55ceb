using WeeEvents.Contracts.Compatibility;
using WeeEvents.Contracts.Compatibility.Examples;

namespace WeeEvents.Contracts.Tests;

/// <summary>The compatibility check itself, on an imaginary contract changed in each way a team might change one.</summary>
public sealed class SchemaCompatibilityTests
{
    private const string Urn = "urn:message:weeevents:example:order-cancelled:v1";

    [Fact]
    public void An_unchanged_contract_passes() =>
        Assert.Empty(Breaks<Versions.Released, Versions.Released>());

    [Fact]
    public void An_added_optional_field_passes() =>
        Assert.Empty(Breaks<Versions.Released, Versions.WithRefund>());

    [Fact]
    public void A_renamed_field_fails_naming_the_contract_the_field_and_the_rule()
    {
        var breaks = Breaks<Versions.Released, Versions.Renamed>();

        var renamed = Assert.Single(breaks, b => b.Change == BreakingChange.FieldRemovedOrRenamed);
        Assert.Equal("reason", renamed.Field);
        Assert.Equal(
            $"Example ({Urn}): field 'reason' was removed or renamed (new here: 'why'). " +
            "Rule: a field is never removed or renamed under the same URN.",
            renamed.Message);
        // Its new name is a field that publishers built before do not send.
        Assert.Contains(breaks, b => b is { Change: BreakingChange.RequiredFieldAdded, Field: "why" });
    }

    [Fact]
    public void A_retyped_field_fails()
    {
        var retyped = Assert.Single(Breaks<Versions.Released, Versions.Retyped>());

        Assert.Equal((BreakingChange.FieldRetyped, "reason"), (retyped.Change, retyped.Field));
        Assert.Contains("was string and is now integer", retyped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_made_required_fails()
    {
        var required = Assert.Single(Breaks<Versions.Released, Versions.NoteRequired>());

        Assert.Equal((BreakingChange.FieldMadeRequired, "note"), (required.Change, required.Field));
        Assert.EndsWith("Rule: an optional field is never made required under the same URN.", required.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_required_field_fails()
    {
        var added = Assert.Single(Breaks<Versions.Released, Versions.RefundRequired>());

        Assert.Equal((BreakingChange.RequiredFieldAdded, "refundId"), (added.Change, added.Field));
    }

    [Fact]
    public void A_field_that_may_now_be_null_fails()
    {
        var nullable = Assert.Single(Breaks<Versions.Released, Versions.ReasonNullable>());

        Assert.Equal((BreakingChange.NullabilityChanged, "reason"), (nullable.Change, nullable.Field));
    }

    [Fact]
    public void A_removed_enum_value_fails()
    {
        var removed = Assert.Single(Breaks<Versions.Released, Versions.StoreClosed>());

        Assert.Equal((BreakingChange.EnumValueRemoved, "channel"), (removed.Change, removed.Field));
        Assert.Contains("lost the value 2 (Store)", removed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_added_enum_value_fails_because_consumers_built_before_cannot_handle_it()
    {
        var added = Assert.Single(Breaks<Versions.Released, Versions.PartnerChannel>());

        Assert.Equal((BreakingChange.EnumValueAdded, "channel"), (added.Change, added.Field));
    }

    [Fact]
    public void A_field_renamed_inside_a_list_is_named_by_its_path()
    {
        var renamed = Assert.Single(Breaks<Versions.Released, Versions.LineRenamed>(), b => b.Change == BreakingChange.FieldRemovedOrRenamed);

        Assert.Equal("lines[].sku", renamed.Field);
        Assert.Contains("(new here: 'lines[].stockKeepingUnit')", renamed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urn:message:weeevents:order:order-placed:v1", "urn:message:weeevents:order:order-placed:v2")]
    [InlineData("urn:message:weeevents:order:order-placed:v9", "urn:message:weeevents:order:order-placed:v10")]
    public void A_breaking_change_goes_to_the_next_version_of_the_urn(string urn, string next) =>
        Assert.Equal(next, ContractBreak.NextVersionOf(urn));

    private static IReadOnlyList<ContractBreak> Breaks<TReleased, TCurrent>() =>
        SchemaCompatibility.Check("Example", Urn, ContractSchema.Export(typeof(TReleased)), ContractSchema.Export(typeof(TCurrent)));
}
