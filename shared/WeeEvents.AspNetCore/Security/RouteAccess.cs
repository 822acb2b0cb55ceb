namespace WeeEvents.AspNetCore.Security;

/// <summary>
/// One HTTP route and who may call it, in words, as the entity's access declaration (<see cref="EntityAccess"/>) and
/// its commands' <see cref="CommandAccess"/> say: the rows of a "who may do what" table, derived rather than written,
/// so that the table a reader trusts and the rule the service enforces cannot disagree.
/// </summary>
/// <param name="Route">The method and path template: <c>GET /order/{key}</c>.</param>
/// <param name="Who">Who may call it.</param>
public sealed record RouteAccess(string Route, string Who)
{
    /// <summary>The routes <c>MapService</c> serves for <paramref name="description"/>, with who may call each.</summary>
    /// <exception cref="InvalidOperationException">The description declares no access: it would not be served.</exception>
    public static IReadOnlyList<RouteAccess> Of<TState>(ServiceDescription<TState> description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var type = description.Info.Aggregate;
        var access = description.Dispatcher.Access
            ?? throw new InvalidOperationException($"The '{type}' description declares no access.");
        var routes = new List<RouteAccess>
        {
            new($"GET /{type}/{{key}}", Readers(access)),
            new($"GET /{type}/{{key}}/events", $"{Role([WeeEventsRoles.Operator])}; anyone else: 403"),
        };
        routes.AddRange(description.Dispatcher.PublicCommands.Select(c => new RouteAccess($"POST /{type}/{{key}}/{c.Name}", Senders(c.Access, access))));
        return routes;
    }

    /// <summary>The list <c>GET /{type}</c> over rows of entities read as <paramref name="access"/> says.</summary>
    public static RouteAccess List(string type, EntityAccess access)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(access);
        return new($"GET /{type}", access.Readers switch
        {
            ReaderScope.Owner => $"{Role(access.StaffRoles)}: every row; anyone else: their own rows",
            ReaderScope.Staff => $"{Role(access.StaffRoles)}; anyone else: an empty list",
            _ => "any authenticated caller",
        });
    }

    /// <summary>An operator's route (<c>GET /operator/…</c>): for the role <see cref="WeeEventsRoles.Operator"/> only.</summary>
    public static RouteAccess Operator(string route)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        return new(route, $"{Role([WeeEventsRoles.Operator])}; anyone else: 403");
    }

    private static string Readers(EntityAccess access) => access.Readers switch
    {
        ReaderScope.Owner => $"its customer, or {Role(access.StaffRoles)}; anyone else: 404",
        ReaderScope.Staff => $"{Role(access.StaffRoles)}; anyone else: 404",
        _ => "any authenticated caller",
    };

    private static string Senders(CommandAccess command, EntityAccess access) =>
        command.OwnerOnly ? $"its customer, for themselves, or {Role(access.StaffRoles)}; anyone else: 403"
        : command.Roles.Count > 0 ? $"{Role(command.Roles)}; anyone else: 403"
        : "any authenticated caller";

    private static string Role(IEnumerable<string> roles) => "role " + string.Join(" or ", roles.Select(r => $"`{r}`"));
}
