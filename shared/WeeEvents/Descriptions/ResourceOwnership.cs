using System.Collections.Immutable;

namespace WeeEvents;

/// <summary>
/// A resource rule stated with the description: who owns an entity (a customer owns their orders), and which staff roles
/// act on any entity regardless. A caller holding none of those roles may read only entities they own, and send a command
/// declared <see cref="CommandAccess.Owner"/> only to an entity they own, with a payload that names no one else (place an
/// order only for themselves). Hosts read the same rule for their routes and their documentation; commands the service
/// runs itself have no <see cref="Caller"/> and are not subject to it.
/// </summary>
/// <typeparam name="TState">The entity's state.</typeparam>
public sealed class ResourceOwnership<TState>
{
    private readonly Func<TState, string?> _ownerOf;
    private readonly ImmutableDictionary<Type, Func<object, string?>> _claims;

    private ResourceOwnership(Func<TState, string?> ownerOf, IReadOnlyList<string> staffRoles, ImmutableDictionary<Type, Func<object, string?>> claims)
    {
        _ownerOf = ownerOf;
        StaffRoles = staffRoles;
        _claims = claims;
    }

    /// <summary>The roles whose holders act on every entity, owned or not (an operator, a support agent).</summary>
    public IReadOnlyList<string> StaffRoles { get; }

    /// <summary>Entities owned by the subject <paramref name="ownerOf"/> reads from their state (null: nobody yet).</summary>
    /// <param name="ownerOf">The owner's subject, read from the state; null for an entity not yet created.</param>
    /// <param name="staffRoles">The roles that act on every entity; at least one.</param>
    public static ResourceOwnership<TState> OwnedBy(Func<TState, string?> ownerOf, params string[] staffRoles)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        ArgumentNullException.ThrowIfNull(staffRoles);
        if (staffRoles.Length == 0 || staffRoles.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one staff role, none of them blank.", nameof(staffRoles));
        }

        return new ResourceOwnership<TState>(ownerOf, [.. staffRoles], ImmutableDictionary<Type, Func<object, string?>>.Empty);
    }

    /// <summary>
    /// A command whose payload names the owner it acts for (place-order's <c>customerId</c>): a caller who is not staff may
    /// name only themselves.
    /// </summary>
    public ResourceOwnership<TState> Claims<TCommand>(Func<TCommand, string?> ownerOf)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        return new ResourceOwnership<TState>(_ownerOf, StaffRoles, _claims.SetItem(typeof(TCommand), payload => ownerOf((TCommand)payload)));
    }

    /// <summary>The subject that owns <paramref name="state"/>; null when nobody does yet.</summary>
    public string? OwnerOf(TState state) => _ownerOf(state);

    /// <summary>True when <paramref name="caller"/> holds one of <see cref="StaffRoles"/>.</summary>
    public bool IsStaff(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return StaffRoles.Any(caller.Roles.Contains);
    }

    /// <summary>
    /// True when <paramref name="caller"/> may read <paramref name="state"/>: staff, its owner, or nobody owns it yet. No
    /// caller (the service itself) may read anything.
    /// </summary>
    public bool MayRead(Caller? caller, TState state) =>
        caller is null || IsStaff(caller) || OwnerOf(state) is not { } owner || string.Equals(owner, caller.Subject, StringComparison.Ordinal);

    /// <summary>
    /// Throws <see cref="AccessDenied"/> unless <paramref name="caller"/> may send <paramref name="command"/> with
    /// <paramref name="payload"/> to <paramref name="entity"/>: staff, or the owner of the entity (when it has one) and of
    /// the payload (when it names one).
    /// </summary>
    internal void Demand<TCommand>(Caller caller, Entity<TState> entity, string command, TCommand payload)
    {
        if (IsStaff(caller))
        {
            return;
        }

        if (OwnerOf(entity.State) is { } owner && !string.Equals(owner, caller.Subject, StringComparison.Ordinal))
        {
            throw new AccessDenied(entity.Aggregate, command, caller.Subject, $"{entity.Aggregate} belongs to someone else");
        }

        if (payload is not null && _claims.TryGetValue(typeof(TCommand), out var claimed) && claimed(payload) is { } named
            && !string.Equals(named, caller.Subject, StringComparison.Ordinal))
        {
            throw new AccessDenied(entity.Aggregate, command, caller.Subject, "the command acts for someone else");
        }
    }
}
