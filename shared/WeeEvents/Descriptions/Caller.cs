namespace WeeEvents;

/// <summary>
/// Who sends a command or asks for an entity. Every command and every read has one, and the access rule of the entity
/// (<see cref="EntityAccess{TState}"/>) is checked against it: a client named by its token, the service itself (its
/// consumers and timers), or, only where a host runs without authentication, an anonymous client.
/// </summary>
public abstract record Caller
{
    private Caller()
    {
    }

    /// <summary>What the audit trail and the events' metadata record as the actor; null for an anonymous client.</summary>
    public abstract string? Actor { get; }

    /// <summary>The prefix of every service's actor: <c>service:order</c>.</summary>
    public const string ServicePrefix = "service:";

    /// <summary>An authenticated client: the token's subject (never empty) and the roles it holds.</summary>
    public sealed record Client : Caller
    {
        /// <summary>A client authenticated as <paramref name="subject"/> holding <paramref name="roles"/>.</summary>
        /// <exception cref="ArgumentException">The subject is empty: a token without one names nobody and is refused.</exception>
        public Client(string subject, IReadOnlySet<string> roles)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(subject);
            ArgumentNullException.ThrowIfNull(roles);
            Subject = subject;
            Roles = roles;
        }

        /// <summary>The token's subject (<c>sub</c>).</summary>
        public string Subject { get; }

        /// <summary>The roles the client holds.</summary>
        public IReadOnlySet<string> Roles { get; }

        /// <inheritdoc />
        public override string Actor => Subject;

        /// <summary>True when the client holds at least one of <paramref name="roles"/>.</summary>
        public bool HoldsAny(IEnumerable<string> roles) => roles.Any(Roles.Contains);
    }

    /// <summary>
    /// The service itself, running a command from a message it consumed or a timer of its own: authorised as the service,
    /// never on behalf of a client.
    /// </summary>
    public sealed record Service : Caller
    {
        /// <summary>The service named <paramref name="name"/> (<c>order</c>).</summary>
        public Service(string name)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            Name = name;
        }

        /// <summary>The service's name.</summary>
        public string Name { get; }

        /// <summary>
        /// The service that runs <paramref name="route"/>: routes are named <c>{service}.{command}</c>
        /// (<c>order.mark-stock-reserved</c>), so its prefix. A person's subject never has the actor's shape
        /// (<c>service:order</c>) in the reference system's tokens, so the two cannot be confused.
        /// </summary>
        public static Service ForRoute(string route)
        {
            ArgumentException.ThrowIfNullOrEmpty(route);
            var dot = route.IndexOf('.', StringComparison.Ordinal);
            return new(dot > 0 ? route[..dot] : route);
        }

        /// <inheritdoc />
        public override string Actor => ServicePrefix + Name;
    }

    /// <summary>
    /// A client of a host that runs without authentication (a framework sample, a test server): it may do only what an
    /// entity's access declares open to any caller (<see cref="EntityAccess{TState}.AnyCaller"/>), nothing owned and
    /// nothing that asks for a role.
    /// </summary>
    public sealed record Anonymous : Caller
    {
        /// <summary>The one anonymous caller.</summary>
        public static Anonymous Instance { get; } = new();

        private Anonymous()
        {
        }

        /// <inheritdoc />
        public override string? Actor => null;
    }
}
