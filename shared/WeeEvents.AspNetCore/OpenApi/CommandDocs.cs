using System.ComponentModel;
using System.Reflection;
using System.Text.Json;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// What the documentation says about a command, read from the command itself so that a dispatcher registration stays
/// one line:
/// <list type="bullet">
/// <item>a <see cref="DescriptionAttribute"/> on the command's static class (or its <c>Command</c> record): the first
/// sentence is the operation's summary ("Place an order"), the rest its description;</item>
/// <item>a public static <c>Example</c> field or property of the command's type on that class: the example body.
/// A command with no fields needs none: its schema is an empty object, which Scalar shows as <c>{}</c> (the document
/// writer leaves empty examples out anyway).</item>
/// </list>
/// Without a description the summary is the command's name in English with the entity it acts on.
/// </summary>
internal sealed record CommandDocs(string Summary, string? Details, string? ExampleJson)
{
    public static CommandDocs Of<TState>(CommandRegistration<TState> command, string entityType)
    {
        var type = command.CommandType;
        var holder = type.DeclaringType;
        var text = (holder?.GetCustomAttribute<DescriptionAttribute>() ?? type.GetCustomAttribute<DescriptionAttribute>())?.Description?.Trim();
        var (summary, details) = text is { Length: > 0 } ? Split(text) : (EnglishNames.CommandSummary(command.Name, entityType), null);
        return new CommandDocs(summary, details, ExampleOf(type, holder));
    }

    /// <summary>"Place an order. The lines..." → ("Place an order", "The lines...").</summary>
    private static (string Summary, string? Details) Split(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0
            ? (text.TrimEnd('.'), null)
            : (text[..end], text[(end + 2)..].Trim());
    }

    private static string? ExampleOf(Type commandType, Type? holder)
    {
        const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static;
        var example = holder?.GetProperty("Example", PublicStatic) is { } property && commandType.IsAssignableFrom(property.PropertyType)
            ? property.GetValue(null)
            : holder?.GetField("Example", PublicStatic) is { } field && commandType.IsAssignableFrom(field.FieldType)
                ? field.GetValue(null)
                : null;
        return example is null ? null : JsonSerializer.Serialize(example, commandType, WeeEventsJson.Options);
    }
}
