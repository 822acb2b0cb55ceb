using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace WeeEvents.Protection;

/// <summary>
/// What <see cref="PersonalDataAttribute"/> and <see cref="DataSubjectAttribute"/> declare on a record and the records it
/// holds, however deep, as the JSON (camelCase) names a walk over its serialised form looks for.
/// </summary>
/// <param name="Personal">The names of personal string fields.</param>
/// <param name="Subjects">The names of fields that name the data subject.</param>
public sealed record PersonalDataShape(IReadOnlySet<string> Personal, IReadOnlySet<string> Subjects)
{
    private static readonly ConcurrentDictionary<Type, PersonalDataShape> ByType = new();

    /// <summary>A shape with nothing personal.</summary>
    public static PersonalDataShape None { get; } = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>True when the shape has personal fields.</summary>
    public bool HasPersonalData => Personal.Count > 0;

    /// <summary>The shape of <paramref name="type"/>, read once per type.</summary>
    public static PersonalDataShape Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ByType.GetOrAdd(type, static t =>
        {
            var personal = new HashSet<string>(StringComparer.Ordinal);
            var subjects = new HashSet<string>(StringComparer.Ordinal);
            Collect(t, personal, subjects, []);
            return personal.Count == 0 ? None : new PersonalDataShape(personal, subjects);
        });
    }

    /// <summary>The union of two shapes (two event types of one name in different aggregates).</summary>
    public PersonalDataShape Merge(PersonalDataShape other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Personal.Union(other.Personal).ToHashSet(StringComparer.Ordinal), Subjects.Union(other.Subjects).ToHashSet(StringComparer.Ordinal));
    }

    private static void Collect(Type type, HashSet<string> personal, HashSet<string> subjects, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || !seen.Add(type))
        {
            return;
        }

        if (type.IsArray)
        {
            Collect(type.GetElementType()!, personal, subjects, seen);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Collect(argument, personal, subjects, seen);
            }
        }

        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return;
        }

        // Derived cases of a closed hierarchy (a state's Placed case) are nested in it.
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public).Where(type.IsAssignableFrom))
        {
            Collect(nested, personal, subjects, seen);
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (property.PropertyType == typeof(string) && property.IsDefined(typeof(PersonalDataAttribute), inherit: true))
            {
                personal.Add(name);
            }
            else if (property.PropertyType == typeof(string) && property.IsDefined(typeof(DataSubjectAttribute), inherit: true))
            {
                subjects.Add(name);
            }
            else
            {
                Collect(property.PropertyType, personal, subjects, seen);
            }
        }
    }
}
