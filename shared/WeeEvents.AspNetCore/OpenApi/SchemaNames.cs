using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// Schema names that stay unique with WeeEvents' message shape, where every command's payload is a nested
/// record called <c>Command</c>: the enclosing class names it (<c>OpenAccountCommand</c>).
/// </summary>
internal static class SchemaNames
{
    public static string? Of(JsonTypeInfo type)
    {
        var name = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        var declaring = type.Type.DeclaringType;
        // Cases of a state union are named from their base already (AccountStateOpen).
        if (name is null || declaring is null || declaring.IsAssignableFrom(type.Type) || name.StartsWith(declaring.Name, StringComparison.Ordinal))
        {
            return name;
        }

        return declaring.Name + name;
    }
}
