using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace WeeEvents.Protection;

/// <summary>
/// Which fields of a record are personal, sensitive or name the data subject, as JSON paths over its serialised form:
/// computed once per type from <see cref="PersonalDataAttribute"/>, <see cref="SensitiveAttribute"/> and
/// <see cref="DataSubjectAttribute"/> (on the record and every record it holds, however deep, and every case of a closed
/// hierarchy), and read by everything that protects, reveals or masks data: the event store, the outbox, the consumers,
/// the responses, telemetry and the snapshot check. <see cref="PersonalDataWalker"/> visits these paths and no others.
/// </summary>
public sealed class PersonalDataClassification
{
    private static readonly ConcurrentDictionary<(Type Type, string Under), PersonalDataClassification> ByType = new();

    private PersonalDataClassification(ClassifiedNode root)
    {
        Root = root;
        var paths = new List<ClassifiedPath>();
        ListPaths(root, paths);
        Paths = paths;
    }

    /// <summary>A classification that declares nothing.</summary>
    public static PersonalDataClassification None { get; } = new(ClassifiedNode.Empty);

    /// <summary>Every declared field, by path.</summary>
    public IReadOnlyList<ClassifiedPath> Paths { get; }

    /// <summary>Every class the record declares somewhere.</summary>
    public FieldClass Classes => Root.Classes;

    /// <summary>True when the record holds personal data.</summary>
    public bool HasPersonalData => (Root.Classes & FieldClass.Personal) != 0;

    internal ClassifiedNode Root { get; }

    /// <summary>The classification of <paramref name="type"/>, computed once per type.</summary>
    public static PersonalDataClassification Of(Type type) => Of(type, "");

    /// <summary>
    /// The classification of <paramref name="type"/> held under property <paramref name="under"/> of a wrapper (the
    /// <c>state</c> of an entity document), computed once per pair.
    /// </summary>
    public static PersonalDataClassification Of(Type type, string under)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(under);
        return ByType.GetOrAdd((type, under), static key => Build([key.Type], key.Under));
    }

    /// <summary>
    /// One classification for records of several types stored under one name (an event type two aggregates share): the
    /// union of their paths.
    /// </summary>
    public static PersonalDataClassification OfAll(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var distinct = types.Distinct().ToArray();
        return distinct.Length == 1 ? Of(distinct[0]) : Build(distinct, "");
    }

    private static PersonalDataClassification Build(IReadOnlyList<Type> types, string under)
    {
        var draft = new Draft();
        var target = under.Length == 0 ? draft : draft.Child(under);
        foreach (var type in types)
        {
            Collect(type, target, []);
        }

        return draft.IsEmpty ? None : new PersonalDataClassification(draft.Freeze(""));
    }

    private static void Collect(Type type, Draft draft, HashSet<Type> stack)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            type = underlying;
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type.IsPointer)
        {
            return;
        }

        if (ItemType(type) is { } item)
        {
            Collect(item, draft.Items ??= new Draft(), stack);
            return;
        }

        // Framework types (dates, ids, dictionaries) declare nothing; a type already being walked (a recursive record)
        // adds nothing the outer walk does not.
        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true || !stack.Add(type))
        {
            return;
        }

        // Derived cases of a closed hierarchy (a state's Placed case) are nested in it and serialised at its level.
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public).Where(n => n != type && type.IsAssignableFrom(n)))
        {
            Collect(nested, draft, stack);
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.PropertyType == typeof(string))
            {
                var declared = ClassOf(property);
                if (declared != FieldClass.None)
                {
                    draft.Child(name).Leaf |= declared;
                }

                continue;
            }

            var child = new Draft();
            Collect(property.PropertyType, child, stack);
            if (!child.IsEmpty)
            {
                draft.Child(name).Merge(child);
            }
        }

        stack.Remove(type);
    }

    private static FieldClass ClassOf(PropertyInfo property) =>
        (property.IsDefined(typeof(PersonalDataAttribute), inherit: true) ? FieldClass.Personal : FieldClass.None)
        | (property.IsDefined(typeof(SensitiveAttribute), inherit: true) ? FieldClass.Sensitive : FieldClass.None)
        | (property.IsDefined(typeof(DataSubjectAttribute), inherit: true) ? FieldClass.Subject : FieldClass.None);

    // Arrays and sequences serialise as JSON arrays; dictionaries serialise as objects with keys nobody declares.
    private static Type? ItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type) || typeof(IDictionary).IsAssignableFrom(type))
        {
            return null;
        }

        var sequence = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        var item = sequence?.GetGenericArguments()[0];
        return item is { IsGenericType: true } && item.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? null : item;
    }

    private static void ListPaths(ClassifiedNode node, List<ClassifiedPath> paths)
    {
        if (node.Leaf != FieldClass.None)
        {
            paths.Add(new ClassifiedPath(node.Path, node.Leaf));
        }

        foreach (var child in node.Properties.Values.OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            ListPaths(child, paths);
        }

        if (node.Items is { } items)
        {
            ListPaths(items, paths);
        }
    }

    /// <summary>A classification being built: mutable, frozen into <see cref="ClassifiedNode"/>s once complete.</summary>
    private sealed class Draft
    {
        private readonly Dictionary<string, Draft> _properties = new(StringComparer.Ordinal);

        public FieldClass Leaf { get; set; }

        public Draft? Items { get; set; }

        public bool IsEmpty => Leaf == FieldClass.None && _properties.Values.All(p => p.IsEmpty) && (Items?.IsEmpty ?? true);

        public Draft Child(string name) => _properties.TryGetValue(name, out var child) ? child : _properties[name] = new Draft();

        public void Merge(Draft other)
        {
            Leaf |= other.Leaf;
            foreach (var (name, child) in other._properties)
            {
                Child(name).Merge(child);
            }

            if (other.Items is { } items)
            {
                (Items ??= new Draft()).Merge(items);
            }
        }

        public ClassifiedNode Freeze(string path)
        {
            var properties = _properties
                .Where(p => !p.Value.IsEmpty)
                .ToFrozenDictionary(p => p.Key, p => p.Value.Freeze(path.Length == 0 ? p.Key : path + "." + p.Key), StringComparer.Ordinal);
            var subjects = _properties.Where(p => (p.Value.Leaf & FieldClass.Subject) != 0).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
            var items = Items is { IsEmpty: false } ? Items.Freeze(path + "[]") : null;
            return new ClassifiedNode(properties, items, Leaf, path, subjects);
        }
    }
}
