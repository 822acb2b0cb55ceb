using System.Text.Json.Nodes;

namespace WeeEvents.Protection;

/// <summary>
/// One declared string field a <see cref="PersonalDataWalker"/> found: where it is, its declared path, the data subject
/// in scope there, and its value; <see cref="Replace"/> writes what a strategy made of it.
/// </summary>
public readonly record struct ClassifiedField
{
    private readonly JsonNode _owner;
    private readonly string? _name;
    private readonly int _index;

    internal ClassifiedField(JsonNode owner, string? name, int index, string path, string subject, string value, FieldClass @class)
    {
        _owner = owner;
        _name = name;
        _index = index;
        Path = path;
        Subject = subject;
        Value = value;
        Class = @class;
    }

    /// <summary>The declared path (<c>shippingAddress.name</c>), not the index of an array item.</summary>
    public string Path { get; }

    /// <summary>The data subject in scope: the nearest enclosing <see cref="DataSubjectAttribute"/> field, or the fallback.</summary>
    public string Subject { get; }

    /// <summary>The value found.</summary>
    public string Value { get; }

    /// <summary>What the field is declared as.</summary>
    public FieldClass Class { get; }

    /// <summary>Replaces the value in the document the walker parsed.</summary>
    public void Replace(string value)
    {
        if (_owner is JsonObject obj)
        {
            obj[_name!] = value;
        }
        else
        {
            ((JsonArray)_owner)[_index] = value;
        }
    }
}
