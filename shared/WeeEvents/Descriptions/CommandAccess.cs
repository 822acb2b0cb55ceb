namespace WeeEvents;

/// <summary>
/// Who may send a command from outside the service, declared with the command in its dispatcher description so that
/// the rule and the command cannot drift apart. The command path enforces it for every client caller (the HTTP API
/// answers 403, and refuses a missing role before reading the body); commands the service runs itself
/// (<see cref="Caller.Service"/>) are authorised as the service.
/// </summary>
public sealed record CommandAccess
{
    private CommandAccess(IReadOnlyList<string> roles, bool owner = false, bool serviceOnly = false)
    {
        Roles = roles;
        OwnerOnly = owner;
        IsServiceOnly = serviceOnly;
    }

    /// <summary>
    /// Only the service itself, from its consumers or timers: not offered over HTTP (to a client it does not exist), and
    /// refused to any client caller in process too, so no client can claim an order paid.
    /// </summary>
    public static CommandAccess ServiceOnly { get; } = new([], serviceOnly: true);

    /// <summary>Any authenticated caller.</summary>
    public static CommandAccess Authenticated { get; } = new([]);

    /// <summary>
    /// Any authenticated caller, for an entity they own: the description's access rule
    /// (<see cref="DispatcherDescriptionBuilder{TState}.Access"/>) refuses anyone else without one of its staff roles
    /// (<see cref="AccessDenied"/>, a 403).
    /// </summary>
    public static CommandAccess Owner { get; } = new([], owner: true);

    /// <summary>The roles of which the caller must hold at least one; empty for any authenticated caller.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>True when no client may send it: see <see cref="ServiceOnly"/>.</summary>
    public bool IsServiceOnly { get; }

    /// <summary>True when the caller must own the entity (or be staff) under the description's access rule.</summary>
    public bool OwnerOnly { get; }

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
