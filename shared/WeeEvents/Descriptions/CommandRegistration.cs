using System.Text.Json;
using FluentValidation;

namespace WeeEvents;

/// <summary>A command that passed validation, ready to run against an entity.</summary>
public delegate Task ValidatedCommand<TState>(IPublisher publisher, Entity<TState> entity, CancellationToken cancellationToken);

/// <summary>Who may send a command.</summary>
public enum CommandExposure
{
    /// <summary>Clients, over HTTP, as well as the service itself.</summary>
    Public,

    /// <summary>Only the service itself (its message consumers): never routed over HTTP.</summary>
    Internal,
}

/// <summary>One command of a dispatcher: its name, payload type, validator and handler.</summary>
public abstract class CommandRegistration<TState>
{
    private protected CommandRegistration(string name, bool creates, CommandAccess access)
    {
        Name = name;
        Exposure = access.IsServiceOnly ? CommandExposure.Internal : CommandExposure.Public;
        Creates = creates;
        Access = access;
    }

    /// <summary>The command name, as in <c>POST /{type}/{key}/{name}</c>.</summary>
    public string Name { get; }

    /// <summary>Whether clients may send it at all (its <see cref="Access"/> says).</summary>
    public CommandExposure Exposure { get; }

    /// <summary>Who may send it from outside the service (see <see cref="CommandAccess"/>).</summary>
    public CommandAccess Access { get; }

    /// <summary>
    /// Whether it creates its aggregate (placing an order): its events start the stream, so they are appended
    /// expecting <see cref="ExpectedRevision.New"/> (see <see cref="DispatcherDescriptionBuilder{TState}.Command{TCommand}"/>).
    /// </summary>
    public bool Creates { get; }

    /// <summary>The record the payload is read as.</summary>
    public abstract Type CommandType { get; }

    /// <summary>The validator of the payload (also describes the rules for OpenAPI).</summary>
    public abstract IValidator Validator { get; }

    /// <summary>Reads and validates a JSON payload; throws <see cref="CommandValidationFailed"/> with field errors.</summary>
    public abstract Task<ValidatedCommand<TState>> ValidateAsync(AggregateId aggregate, JsonElement payload, CancellationToken cancellationToken);

    /// <summary>Validates a typed payload; throws <see cref="CommandValidationFailed"/>, or <see cref="ArgumentException"/> for a payload of the wrong type.</summary>
    public abstract Task<ValidatedCommand<TState>> ValidateAsync<TPayload>(AggregateId aggregate, TPayload payload, CancellationToken cancellationToken);

    /// <summary>As <see cref="ValidateAsync(AggregateId, JsonElement, CancellationToken)"/>, keeping the payload for the access check.</summary>
    internal abstract Task<Validated<TState>> CheckAsync(AggregateId aggregate, JsonElement payload, CancellationToken cancellationToken);

    /// <summary>As <see cref="ValidateAsync{TPayload}(AggregateId, TPayload, CancellationToken)"/>, keeping the payload for the access check.</summary>
    internal abstract Task<Validated<TState>> CheckAsync<TPayload>(AggregateId aggregate, TPayload payload, CancellationToken cancellationToken);
}

/// <summary>
/// A command that passed validation: the access rule to check on the entity it meets (the payload may name an owner),
/// and the decision to take on that entity.
/// </summary>
/// <param name="Authorize">Throws <see cref="AccessDenied"/> unless the guard's caller may send it to the entity.</param>
/// <param name="Decide">Runs the handler: the events it publishes are the decision.</param>
internal sealed record Validated<TState>(Action<AccessGuard<TState>, Entity<TState>> Authorize, ValidatedCommand<TState> Decide);

/// <summary>
/// The access rule of the entity and the caller it is checked for, on the entity the command meets. Null access: the
/// description declares none, so no client may send it anything.
/// </summary>
internal sealed record AccessGuard<TState>(EntityAccess<TState>? Access, Caller Caller)
{
    public void Demand<TCommand>(CommandRegistration<TState> command, Entity<TState> entity, TCommand payload)
    {
        if (Access is null)
        {
            if (Caller is not WeeEvents.Caller.Service)
            {
                throw new AccessDenied(entity.Aggregate, command.Name, Caller.Actor ?? "an anonymous caller", "the description declares no access for clients");
            }

            return;
        }

        Access.Demand(Caller, command.Access, command.Exposure == CommandExposure.Public, entity, command.Name, payload);
    }
}

internal sealed class CommandRegistration<TState, TCommand>(
    string name,
    bool creates,
    CommandAccess access,
    IValidator<TCommand> validator,
    CommandHandler<TState, TCommand> handler) : CommandRegistration<TState>(name, creates, access)
{
    public override Type CommandType => typeof(TCommand);

    public override IValidator Validator => validator;

    public override async Task<ValidatedCommand<TState>> ValidateAsync(AggregateId aggregate, JsonElement payload, CancellationToken cancellationToken) =>
        (await CheckAsync(aggregate, payload, cancellationToken)).Decide;

    public override async Task<ValidatedCommand<TState>> ValidateAsync<TPayload>(AggregateId aggregate, TPayload payload, CancellationToken cancellationToken) =>
        (await CheckAsync(aggregate, payload, cancellationToken)).Decide;

    internal override Task<Validated<TState>> CheckAsync(AggregateId aggregate, JsonElement payload, CancellationToken cancellationToken)
    {
        TCommand? command;
        try
        {
            command = payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                ? default
                : payload.Deserialize<TCommand>(WeeEventsJson.Options);
        }
        catch (JsonException e)
        {
            throw new CommandValidationFailed(aggregate, Name, [new FieldError(FieldPath.FromJsonPath(e.Path), FieldPath.DescribeJsonError(e))]);
        }

        return CheckCoreAsync(aggregate, command, cancellationToken);
    }

    internal override Task<Validated<TState>> CheckAsync<TPayload>(AggregateId aggregate, TPayload payload, CancellationToken cancellationToken)
    {
        if (payload is not null && payload is not TCommand)
        {
            throw new ArgumentException($"Command '{Name}' takes {typeof(TCommand).Name}, not {typeof(TPayload).Name}.", nameof(payload));
        }

        return CheckCoreAsync(aggregate, payload is TCommand command ? command : default, cancellationToken);
    }

    private async Task<Validated<TState>> CheckCoreAsync(AggregateId aggregate, TCommand? command, CancellationToken cancellationToken)
    {
        if (command is null)
        {
            throw new CommandValidationFailed(aggregate, Name, [new FieldError("", "A command body is required.")]);
        }

        var result = await validator.ValidateAsync(command, cancellationToken);
        if (!result.IsValid)
        {
            throw new CommandValidationFailed(
                aggregate,
                Name,
                result.Errors.Select(e => new FieldError(FieldPath.FromPropertyPath(e.PropertyName), e.ErrorMessage)).ToArray());
        }

        return new Validated<TState>(
            (guard, entity) => guard.Demand(this, entity, command),
            (publisher, entity, ct) => handler(publisher, entity, command, ct));
    }
}
