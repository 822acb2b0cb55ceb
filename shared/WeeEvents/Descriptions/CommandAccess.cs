namespace WeeEvents;

/// <summary>
/// Who may send a command from outside the service, declared with the command in its dispatcher description so that
/// the rule and the command cannot drift apart. Hosts enforce it (the HTTP API answers 403); commands the service runs
/// itself, from its consumers, are authorised as the service and not checked against it.
/// </summary>
public sealed record CommandAccess
{
    private CommandAccess(IReadOnlyList<string> roles) => Roles = roles;

    /// <summary>Any authenticated caller.</summary>
    public static CommandAccess Authenticated { get; } = new([]);

    /// <summary>The roles of which the caller must hold at least one; empty for any authenticated caller.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Callers holding at least one of <paramref name="roles"/>.</summary>
    public static CommandAccess AnyRole(params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0 || roles.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one role, none of them blank.", nameof(roles));
        }

        return new CommandAccess([.. roles]);
    }
}
