using WeeEvents.AspNetCore.Problems;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// The <c>{key}</c> of every route, checked against <see cref="AggregateKeyRule"/> before anything else uses it: a key
/// that breaks the rule is the client's mistake (400 naming <c>key</c> and the rule), not an id the core refuses.
/// </summary>
internal static class RouteKey
{
    /// <summary>The route parameter's name, as problem details name it.</summary>
    public const string Parameter = "key";

    /// <summary>The aggregate <paramref name="key"/> names in <paramref name="description"/>'s entity type.</summary>
    public static AggregateId IdOf<TState>(ServiceDescription<TState> description, string key) =>
        AggregateKeyRule.Check(key) is { } problem
            ? throw HttpRequestProblem.InvalidField(Parameter, $"{problem} {AggregateKeyRule.Description}")
            : description.Id(key);
}
