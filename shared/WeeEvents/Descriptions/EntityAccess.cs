using System.Collections.Immutable;

namespace WeeEvents;

/// <summary>How an entity type's readers are chosen, as its <see cref="EntityAccess"/> declares.</summary>
public enum ReaderScope
{
    /// <summary>Staff read every entity; any other client only the entities whose owner they are.</summary>
    Owner,

    /// <summary>Only staff read the entities; to anyone else they do not exist.</summary>
    Staff,

    /// <summary>Any caller who reached the route reads every entity (a catalogue: nothing in it is anyone's).</summary>
    AnyCaller,
}

/// <summary>
/// Who may read and act on the entities of one type, declared once with the service description
/// (<see cref="DispatcherDescriptionBuilder{TState}.Access"/>). The HTTP API derives from it the read filter of a single
/// entity, the filter of every list and query over the type, the <c>X-Consistent-With</c> check and the OpenAPI text;
/// the command path derives the write guard. This untyped view is what lists, documentation and the README's table read.
/// </summary>
public abstract class EntityAccess
{
    private protected EntityAccess(ReaderScope readers, ImmutableArray<string> staffRoles)
    {
        Readers = readers;
        StaffRoles = staffRoles;
    }

    /// <summary>Who reads the entities.</summary>
    public ReaderScope Readers { get; }

    /// <summary>The roles whose holders read every entity and act on it as its owner would (an operator, a clerk).</summary>
    public IReadOnlyList<string> StaffRoles { get; }

    /// <summary>True when <paramref name="caller"/> reads every entity of the type, whoever owns it.</summary>
    public bool SeesEverything(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller switch
        {
            Caller.Service => true,
            Caller.Client client => Readers == ReaderScope.AnyCaller || client.HoldsAny(StaffRoles),
            _ => Readers == ReaderScope.AnyCaller,
        };
    }

    /// <summary>
    /// The subject whose own entities <paramref name="caller"/> may read when they do not see everything; null when they
    /// may read none.
    /// </summary>
    public string? OwnEntitiesOf(Caller caller) =>
        Readers == ReaderScope.Owner && caller is Caller.Client client ? client.Subject : null;

    /// <summary>Who reads, in a sentence for documentation (the OpenAPI text of the entity and list routes).</summary>
    public string DescribeReaders(string noun)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noun);
        var staff = string.Join(" or ", StaffRoles.Select(r => $"`{r}`"));
        return Readers switch
        {
            ReaderScope.Owner => $"A caller without the role {staff} reads only {noun}s they own; anyone else's answers 404, as if it did not exist, and is left out of lists.",
            ReaderScope.Staff => $"Only a caller with the role {staff} reads {noun}s; to anyone else each answers 404, and lists are empty.",
            _ => $"Any authenticated caller reads every {noun}.",
        };
    }
}

/// <summary>The access declaration of entities whose state is <typeparamref name="TState"/>.</summary>
/// <typeparam name="TState">The entity's state.</typeparam>
public sealed class EntityAccess<TState> : EntityAccess
{
    private readonly Func<TState, string?>? _ownerOf;
    private readonly ImmutableDictionary<Type, Func<object, string?>> _claims;

    private EntityAccess(ReaderScope readers, ImmutableArray<string> staffRoles, Func<TState, string?>? ownerOf, ImmutableDictionary<Type, Func<object, string?>> claims)
        : base(readers, staffRoles)
    {
        _ownerOf = ownerOf;
        _claims = claims;
    }

    /// <summary>
    /// Entities that belong to a customer: the subject <paramref name="ownerOf"/> reads from the state (null: nobody, an
    /// entity not yet created, or one only staff see). Holders of <paramref name="staffRoles"/> read every entity.
    /// </summary>
    public static EntityAccess<TState> OwnedBy(Func<TState, string?> ownerOf, params string[] staffRoles)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        return new(ReaderScope.Owner, Roles(staffRoles), ownerOf, ImmutableDictionary<Type, Func<object, string?>>.Empty);
    }

    /// <summary>Entities only holders of <paramref name="staffRoles"/> read (stock of a SKU, with the orders it holds units for).</summary>
    public static EntityAccess<TState> StaffOnly(params string[] staffRoles) =>
        new(ReaderScope.Staff, Roles(staffRoles), null, ImmutableDictionary<Type, Func<object, string?>>.Empty);

    /// <summary>
    /// Entities any caller reads: nothing in them belongs to anyone. Named for the risk it takes: declare it only for
    /// data every client may see.
    /// </summary>
    public static EntityAccess<TState> AnyCaller() =>
        new(ReaderScope.AnyCaller, [], null, ImmutableDictionary<Type, Func<object, string?>>.Empty);

    /// <summary>
    /// A command whose payload names the owner it acts for (place-order's <c>customerId</c>): a client who is not staff
    /// may name only themselves.
    /// </summary>
    public EntityAccess<TState> Claims<TCommand>(Func<TCommand, string?> ownerOf)
    {
        ArgumentNullException.ThrowIfNull(ownerOf);
        if (Readers != ReaderScope.Owner)
        {
            throw new InvalidOperationException("Only entities owned by a customer have commands that name their owner: declare OwnedBy(...).");
        }

        return new(Readers, [.. StaffRoles], _ownerOf, _claims.SetItem(typeof(TCommand), payload => ownerOf((TCommand)payload)));
    }

    /// <summary>The subject that owns <paramref name="state"/>; null when nobody does (or the entities have no owners).</summary>
    public string? OwnerOf(TState state) => _ownerOf?.Invoke(state);

    /// <summary>
    /// True when <paramref name="caller"/> may read <paramref name="state"/>: they see everything, or they own it. An
    /// entity that nobody owns yet is no client's.
    /// </summary>
    public bool MayRead(Caller caller, TState state) =>
        SeesEverything(caller) || (OwnEntitiesOf(caller) is { } subject && OwnerOf(state) is { } owner && string.Equals(owner, subject, StringComparison.Ordinal));

    /// <summary>
    /// Throws <see cref="AccessDenied"/> unless <paramref name="caller"/> may send <paramref name="command"/> with
    /// <paramref name="payload"/> to <paramref name="entity"/> under <paramref name="rule"/>: the service itself always
    /// may, and a client only a command offered to clients, holding one of its roles, and for a command declared
    /// <see cref="CommandAccess.Owner"/> as staff or as the owner of the entity (when it has one) and of the payload
    /// (when it names one).
    /// </summary>
    internal void Demand<TCommand>(Caller caller, CommandAccess rule, bool offered, Entity<TState> entity, string command, TCommand payload)
    {
        if (caller is Caller.Service)
        {
            return;
        }

        var who = caller.Actor ?? "an anonymous caller";
        if (!offered)
        {
            throw new AccessDenied(entity.Aggregate, command, who, "only the service itself runs it");
        }

        var client = caller as Caller.Client;
        if (rule.Roles.Count > 0 && client?.HoldsAny(rule.Roles) != true)
        {
            throw new AccessDenied(entity.Aggregate, command, who, $"it asks for the role {string.Join(" or ", rule.Roles)}");
        }

        if (!rule.OwnerOnly || client?.HoldsAny(StaffRoles) == true)
        {
            return;
        }

        if (client is null || Readers != ReaderScope.Owner)
        {
            throw new AccessDenied(entity.Aggregate, command, who, "it is for the entity's owner or staff");
        }

        if (OwnerOf(entity.State) is { } owner && !string.Equals(owner, client.Subject, StringComparison.Ordinal))
        {
            throw new AccessDenied(entity.Aggregate, command, who, $"{entity.Aggregate} belongs to someone else");
        }

        if (payload is not null && _claims.TryGetValue(typeof(TCommand), out var claimed) && claimed(payload) is { } named
            && !string.Equals(named, client.Subject, StringComparison.Ordinal))
        {
            throw new AccessDenied(entity.Aggregate, command, who, "the command acts for someone else");
        }
    }

    private static ImmutableArray<string> Roles(string[] staffRoles)
    {
        ArgumentNullException.ThrowIfNull(staffRoles);
        if (staffRoles.Length == 0 || staffRoles.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one staff role, none of them blank.", nameof(staffRoles));
        }

        return [.. staffRoles];
    }
}
