using System.Collections.Frozen;

namespace WeeEvents.Protection;

/// <summary>
/// One level of a classification: the declared properties of an object (or of every item of an array) and what each is.
/// A tree holding only declared paths, so a walk visits those and nothing else.
/// </summary>
internal sealed class ClassifiedNode
{
    public static readonly ClassifiedNode Empty = new(FrozenDictionary<string, ClassifiedNode>.Empty, null, FieldClass.None, "", []);

    public ClassifiedNode(FrozenDictionary<string, ClassifiedNode> properties, ClassifiedNode? items, FieldClass leaf, string path, string[] subjects)
    {
        Properties = properties;
        Items = items;
        Leaf = leaf;
        Path = path;
        Subjects = subjects;
        Classes = leaf | properties.Values.Aggregate(FieldClass.None, (all, p) => all | p.Classes) | (items?.Classes ?? FieldClass.None);
    }

    /// <summary>Declared properties of the object at this level, by JSON name.</summary>
    public FrozenDictionary<string, ClassifiedNode> Properties { get; }

    /// <summary>What every item is, when this level is an array.</summary>
    public ClassifiedNode? Items { get; }

    /// <summary>What the string value at this level is.</summary>
    public FieldClass Leaf { get; }

    /// <summary>The path from the record's root.</summary>
    public string Path { get; }

    /// <summary>The properties of the object at this level that name its data subject.</summary>
    public string[] Subjects { get; }

    /// <summary>Every class declared at or under this level: a walk skips a branch holding none it looks for.</summary>
    public FieldClass Classes { get; }
}
