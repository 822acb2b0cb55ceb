using System.Collections.Immutable;

namespace WeeEvents;

/// <summary>
/// A command handler: checks the business rules against the entity and publishes the events that follow.
/// It never mutates the entity; the service records what it publishes.
/// </summary>
public delegate Task CommandHandler<TState, TCommand>(IPublisher publisher, Entity<TState> entity, TCommand command, CancellationToken cancellationToken);

/// <summary>Starts a dispatcher description: the commands an aggregate accepts.</summary>
public static class DispatcherDescription
{
    /// <summary>Starts an empty dispatcher for aggregates whose state is <typeparamref name="TState"/>.</summary>
    public static DispatcherDescriptionBuilder<TState> For<TState>() => new(ImmutableDictionary<string, CommandRegistration<TState>>.Empty);
}

/// <summary>An immutable builder of a <see cref="DispatcherDescription{TState}"/>; every call returns a new builder.</summary>
public sealed class DispatcherDescriptionBuilder<TState>
{
    private readonly ImmutableDictionary<string, CommandRegistration<TState>> _commands;
    private readonly EntityAccess<TState>? _access;
    private readonly ImmutableHashSet<string> _audited;

    internal DispatcherDescriptionBuilder(
        ImmutableDictionary<string, CommandRegistration<TState>> commands,
        EntityAccess<TState>? access = null,
        ImmutableHashSet<string>? audited = null)
    {
        _commands = commands;
        _access = access;
        _audited = audited ?? ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Declares sensitive operations: every attempt at one of <paramref name="commands"/> writes an audit entry (actor,
    /// command, aggregate, outcome, denied ones included) to <see cref="Telemetry.AuditLog"/>.
    /// </summary>
    public DispatcherDescriptionBuilder<TState> Audited(params string[] commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return new DispatcherDescriptionBuilder<TState>(_commands, _access, _audited.Union(commands));
    }

    /// <summary>
    /// Declares who may read the entities and act on them (<see cref="EntityAccess{TState}"/>): the one rule from which
    /// the read filter, the lists' filters, the write guard and the documentation all follow. A description served over
    /// HTTP must declare it.
    /// </summary>
    public DispatcherDescriptionBuilder<TState> Access(EntityAccess<TState> access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return new DispatcherDescriptionBuilder<TState>(_commands, access, _audited);
    }

    /// <summary>
    /// Registers a command: its name (as in <c>POST /{type}/{key}/{name}</c>), the validator its payload must pass, its
    /// handler, and who may send it (<paramref name="access"/>: <see cref="CommandAccess.ServiceOnly"/> for a command
    /// only the service itself runs, from its consumers or timers, which clients never see). A command that
    /// <paramref name="startsStream"/> (place an order, open an account) has its events appended expecting
    /// <see cref="ExpectedRevision.New"/>, without reading the stream first; should the entity exist after all (a
    /// request sent twice), it runs again on the entity as it is, so the handler still decides on the real state.
    /// </summary>
    public DispatcherDescriptionBuilder<TState> Command<TCommand>(
        string name,
        FluentValidation.IValidator<TCommand> validator,
        CommandHandler<TState, TCommand> handler,
        CommandAccess access,
        bool startsStream = false) =>
        Register(name, validator, handler, startsStream, access);

    private DispatcherDescriptionBuilder<TState> Register<TCommand>(
        string name,
        FluentValidation.IValidator<TCommand> validator,
        CommandHandler<TState, TCommand> handler,
        bool creates,
        CommandAccess access)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(access);
        if (_commands.ContainsKey(name))
        {
            throw new ArgumentException($"Command '{name}' already has a handler.", nameof(name));
        }

        return new DispatcherDescriptionBuilder<TState>(
            _commands.Add(name, new CommandRegistration<TState, TCommand>(name, creates, access, validator, handler)),
            _access,
            _audited);
    }

    /// <summary>Finishes the description.</summary>
    public DispatcherDescription<TState> Description()
    {
        if (_access?.Readers != ReaderScope.Owner && _commands.Values.FirstOrDefault(c => c.Access.OwnerOnly) is { } owned)
        {
            throw new InvalidOperationException($"Command '{owned.Name}' is for the entity's owner, but the description states no owner: declare Access(EntityAccess<{typeof(TState).Name}>.OwnedBy(...)).");
        }

        if (_audited.FirstOrDefault(name => !_commands.ContainsKey(name)) is { } unknown)
        {
            throw new InvalidOperationException($"Command '{unknown}' is declared audited but has no handler.");
        }

        return new(_commands, _access, _audited);
    }
}

/// <summary>The commands an aggregate accepts. Immutable and inspectable (<see cref="Commands"/>).</summary>
public sealed class DispatcherDescription<TState>
{
    private readonly ImmutableDictionary<string, CommandRegistration<TState>> _commands;

    private readonly ImmutableHashSet<string> _audited;

    internal DispatcherDescription(ImmutableDictionary<string, CommandRegistration<TState>> commands, EntityAccess<TState>? access, ImmutableHashSet<string> audited)
    {
        _commands = commands;
        Access = access;
        _audited = audited;
    }

    /// <summary>True when <paramref name="command"/> is a sensitive operation whose every attempt is audited.</summary>
    public bool IsAudited(string command) => _audited.Contains(command);

    /// <summary>
    /// Who may read and act on the entities (see <see cref="DispatcherDescriptionBuilder{TState}.Access"/>); null when the
    /// description declares nothing, which only in-process use allows: the HTTP API refuses to serve it.
    /// </summary>
    public EntityAccess<TState>? Access { get; }

    /// <summary>The commands clients may send (over HTTP), in name order.</summary>
    public IReadOnlyList<CommandRegistration<TState>> PublicCommands => Commands.Where(c => c.Exposure == CommandExposure.Public).ToArray();

    /// <summary>Every command, in name order.</summary>
    public IReadOnlyList<CommandRegistration<TState>> Commands => _commands.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Finds a command by name.</summary>
    public bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CommandRegistration<TState>? command) =>
        _commands.TryGetValue(name, out command);
}
