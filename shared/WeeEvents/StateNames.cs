using System.Reflection;
using System.Text.Json.Serialization;

namespace WeeEvents;

/// <summary>
/// The names of a state union's cases, read from the <see cref="JsonDerivedTypeAttribute"/> discriminators the union
/// declares for its JSON <c>status</c>: the one place an entity type names its states. The state's <c>Name</c> (in
/// errors and telemetry) and the status columns and filters of its read models all read them here, so a read model
/// cannot call a state something the entity's JSON does not.
/// </summary>
/// <typeparam name="TState">The state union: an abstract record with a named <see cref="JsonDerivedTypeAttribute"/> per case.</typeparam>
/// <remarks>
/// A case of the union without a name (every concrete type deriving from <typeparamref name="TState"/> in its
/// assembly is a case) stops the first use with a message naming it, so a new state cannot be forgotten.
/// </remarks>
public static class StateNames<TState>
    where TState : class
{
    private static readonly IReadOnlyDictionary<Type, string> ByCase = Read();

    /// <summary>Every case's name, in the order the union declares them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByCase.Values];

    /// <summary>The name of <paramref name="state"/>'s case.</summary>
    public static string Of(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return ByCase[state.GetType()];
    }

    /// <summary>The name of the case <typeparamref name="TCase"/>.</summary>
    public static string Of<TCase>()
        where TCase : TState => ByCase[typeof(TCase)];

    /// <summary>Every case's name but those of <paramref name="cases"/> (a read model that never holds them).</summary>
    public static IReadOnlyList<string> AllBut(params Type[] cases) =>
        [.. ByCase.Where(c => !cases.Contains(c.Key)).Select(c => c.Value)];

    private static Dictionary<Type, string> Read()
    {
        var named = new Dictionary<Type, string>();
        foreach (var derived in typeof(TState).GetCustomAttributes<JsonDerivedTypeAttribute>())
        {
            named[derived.DerivedType] = derived.TypeDiscriminator as string
                ?? throw new InvalidOperationException($"{typeof(TState).Name}: the case {derived.DerivedType.Name} needs a string discriminator, its state name.");
        }

        var unnamed = typeof(TState).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(TState)) && !t.IsAbstract && !named.ContainsKey(t))
            .Select(t => t.Name)
            .ToArray();
        return unnamed.Length == 0
            ? named
            : throw new InvalidOperationException(
                $"{typeof(TState).Name} has cases without a name: {string.Join(", ", unnamed)}. Declare [JsonDerivedType(typeof(…), \"name\")] for each.");
    }
}
