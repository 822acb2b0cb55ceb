using System.Text.Json.Nodes;
using WeeEvents.Contracts.Compatibility;
using WeeEvents.Contracts.Compatibility.Examples;

namespace WeeEvents.Contracts.Tests;

/// <summary>
/// Both directions at run time, through MassTransit's own deserializer: a consumer built now reads the messages the last
/// release recorded (fields missing), and a consumer reads messages carrying fields it does not know (a newer publisher).
/// </summary>
public sealed class WireCompatibilityTests
{
    private const string ExampleUrn = "urn:message:weeevents:example:order-cancelled:v1";

    public static TheoryData<string> ReleasedUrnsStillPublished =>
        [.. ContractRelease.Last().Urns.Where(urn => ContractCatalog.Find(urn) is not null)];

    public static TheoryData<string> Urns => [.. ContractCatalog.All.Select(c => c.Urn)];

    [Theory]
    [MemberData(nameof(ReleasedUrnsStillPublished))]
    public void A_consumer_built_now_reads_what_the_last_release_published(string urn)
    {
        var release = ContractRelease.Last();
        var contract = ContractCatalog.Find(urn)!;
        var sent = ContractFiles.Read(ContractFiles.SamplePath(release.Directory, urn));

        var read = Wire.Write(Wire.Read(contract.Type, urn, sent));

        var lost = JsonSubset.Differences(sent, read);
        Assert.True(lost.Count == 0, $"{contract} built now does not keep what release {release.Version} sent:\n  {string.Join("\n  ", lost)}");
        var schema = ContractSchema.Of(contract);
        var unsent = JsonSubset.Extra(sent, read)
            .Select(field => (field.Path, field.Value, Declared: DeclaredAt(schema, field.Path)))
            .Where(field => field.Declared.Required || !JsonNode.DeepEquals(field.Value, field.Declared.Default))
            .Select(field => field.Declared.Required
                ? $"{field.Path}: required, but release {release.Version} does not send it (it reads as {field.Value?.ToJsonString() ?? "null"})"
                : $"{field.Path}: reads as {field.Value?.ToJsonString()}, not its default {field.Declared.Default?.ToJsonString() ?? "null"}")
            .ToArray();
        Assert.True(unsent.Length == 0, $"{contract} built now misreads what release {release.Version} sent:\n  {string.Join("\n  ", unsent)}");
    }

    [Theory]
    [MemberData(nameof(Urns))]
    public void A_consumer_skips_the_fields_a_newer_publisher_adds(string urn)
    {
        var contract = ContractCatalog.Find(urn)!;
        var sent = Wire.Write(ContractSamples.For(contract));

        var read = Wire.Write(Wire.Read(contract.Type, urn, WithFieldsAddedLater(sent)));

        Assert.True(JsonNode.DeepEquals(sent, read), $"{contract} read a newer message differently:\n{TextDiff.Unified(ContractFiles.Format(sent), ContractFiles.Format(read))}");
    }

    [Fact]
    public void An_additive_change_reads_both_ways()
    {
        var released = new Versions.Released("order-1", "changed my mind", DateTimeOffset.UnixEpoch, Versions.Channel.Phone, [new("sku-1", 2)], Note: "call first");
        var current = new Versions.WithRefund("order-1", "changed my mind", DateTimeOffset.UnixEpoch, Versions.Channel.Phone, [new("sku-1", 2)], Note: "call first", RefundId: "refund-1");

        var newerReadsOlder = Wire.Read(typeof(Versions.WithRefund), ExampleUrn, Wire.Write(released));
        var olderReadsNewer = Wire.Read(typeof(Versions.Released), ExampleUrn, Wire.Write(current));

        AssertSameMessage(current with { RefundId = null }, newerReadsOlder);
        AssertSameMessage(released, olderReadsNewer);
    }

    [Fact]
    public void A_renamed_field_reads_as_null_without_an_error_which_is_why_the_check_refuses_it()
    {
        var released = new Versions.Released("order-1", "changed my mind", DateTimeOffset.UnixEpoch, Versions.Channel.Web, []);

        var renamed = (Versions.Renamed)Wire.Read(typeof(Versions.Renamed), ExampleUrn, Wire.Write(released));

        // The serializer is lenient by design (unknown fields skipped, missing ones left at their default), so nothing
        // at run time notices: the poison is a null deep in a consumer. Only the schema check stops it.
        Assert.Null(renamed.Why);
    }

    /// <summary>Both messages as the wire carries them (records holding lists compare them by reference).</summary>
    private static void AssertSameMessage(object expected, object actual) =>
        Assert.Equal(ContractFiles.Format(Wire.Write(expected)), ContractFiles.Format(Wire.Write(actual)));

    /// <summary>The message with fields no build knows yet, at the top and in every nested object.</summary>
    private static JsonNode WithFieldsAddedLater(JsonNode message)
    {
        var newer = message.DeepClone();
        foreach (var node in Objects(newer))
        {
            node["addedLater"] = new JsonObject { ["code"] = 7, ["tags"] = new JsonArray("a", "b") };
            node["addedLaterToo"] = "a value";
        }

        return newer;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.Select(p => p.Value).ToArray().SelectMany(Objects)],
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    /// <summary>What the schema declares for a field at a path such as <c>lines[0].sku</c>: required, and its default.</summary>
    private static (bool Required, JsonNode? Default) DeclaredAt(JsonNode schema, string path)
    {
        JsonNode? parent = null;
        var current = schema;
        var name = "";
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            name = bracket < 0 ? segment : segment[..bracket];
            parent = current;
            current = current["properties"]![name]!;
            for (var i = 0; i < segment.Count(c => c == '['); i++)
            {
                current = current["items"]!;
            }
        }

        var required = parent?["required"] is JsonArray list && list.Any(r => r!.GetValue<string>() == name);
        return (required, current["default"]);
    }
}
