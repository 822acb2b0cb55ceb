using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace WeeEvents.Contracts.Compatibility;

/// <summary>
/// The wire schema of a contract: JSON Schema (draft 2020-12) from .NET's <see cref="JsonSchemaExporter"/> over the
/// wire serializer's options, so field names, types, nullability and required-ness are those a consumer meets.
/// </summary>
internal static class ContractSchema
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    // A copy: the exporter freezes the options it is given, and MassTransit's are still open to configuration.
    private static readonly JsonSerializerOptions WireOptions = new(Wire.Options);

    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        // A message is never null, and System.Text.Json cannot see the annotations of a list's element type:
        // the records declare their elements non-null, so the schema says so.
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = DescribeWhatTheExporterCannot,
    };

    // A node with none of these says nothing about what may arrive.
    private static readonly string[] DescribedKeywords = ["type", "enum", "const", "$ref", "anyOf", "oneOf"];

    /// <summary>The schema of <paramref name="contract"/>, headed by its URN (<c>$id</c>) and CLR name (<c>title</c>).</summary>
    public static JsonObject Of(Contract contract)
    {
        var schema = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = contract.Urn,
            ["title"] = contract.Name,
        };
        foreach (var (keyword, value) in Export(contract.Type))
        {
            schema[keyword] = value?.DeepClone();
        }

        return schema;
    }

    /// <summary>The bare schema of any record as the wire serializer writes it (no header).</summary>
    public static JsonObject Export(Type type) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(WireOptions, type, ExporterOptions).AsObject();

    /// <summary>
    /// What the exporter leaves open: MassTransit writes decimals with a converter of its own (as strings), which the
    /// exporter can only describe as "anything"; and enums as numbers, whose allowed values it does not list.
    /// Anything else it cannot describe stops the export, so no field escapes the check.
    /// </summary>
    private static JsonNode DescribeWhatTheExporterCannot(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var nullable = underlying != type;
        if (underlying == typeof(decimal))
        {
            var described = schema as JsonObject ?? [];
            described["type"] = nullable ? new JsonArray("string", "null") : "string";
            described["format"] = "decimal";
            return described;
        }

        if (underlying.IsEnum && schema is JsonObject numeric && !numeric.ContainsKey("enum"))
        {
            var values = new JsonArray();
            foreach (var value in Enum.GetValuesAsUnderlyingType(underlying))
            {
                values.Add(JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (nullable)
            {
                values.Add(null);
            }

            numeric["enum"] = values;
            numeric["x-enumNames"] = new JsonArray([.. Enum.GetNames(underlying).Select(n => (JsonNode)n)]);
            return numeric;
        }

        if (schema is not JsonObject known || !DescribedKeywords.Any(known.ContainsKey))
        {
            throw new NotSupportedException(
                $"The wire schema of {type} (at {context.PropertyInfo?.Name ?? "the root"}) is not known: it has a converter the exporter cannot describe. Describe it in {nameof(ContractSchema)}.");
        }

        return schema;
    }
}
