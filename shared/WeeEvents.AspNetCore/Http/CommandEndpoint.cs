using WeeEvents.AspNetCore.Problems;
using WeeEvents.Messaging;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// <c>POST /{type}/{key}/{command}</c>: reads the body within its limit, honours <c>Idempotency-Key</c>,
/// <c>If-Match</c> and <c>X-Correlation-Id</c>, runs the command and returns the entity after it.
/// Errors are thrown and written once by <see cref="WeeEventsExceptionHandler"/>.
/// </summary>
internal sealed class CommandEndpoint<TState>(ServiceDescription<TState> description, CommandRegistration<TState> command)
{
    public async Task<IResult> HandleAsync(HttpContext http, string key, CancellationToken cancellationToken)
    {
        var aggregate = AggregateOf(http, key);
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<WeeEventsHttpOptions>>().Value;
        var request = http.Request;
        var correlationId = RequestHeaders.CorrelationId(request);
        EchoCorrelationId(http, correlationId);
        var commandOptions = new CommandOptions
        {
            CorrelationId = correlationId,
            ExpectedRevision = RequestHeaders.ExpectedRevision(request),
            IdempotencyKey = RequestHeaders.IdempotencyKey(request, options.MaxIdempotencyKeyLength),
            Caller = Security.HttpCaller.Of(http),
        };
        var body = await CommandBody.ReadAsync(request, options.MaxCommandBodyBytes, cancellationToken);

        if (commandOptions.IdempotencyKey is not { } idempotencyKey)
        {
            return await ExecuteAsync(http, aggregate, body, commandOptions, cancellationToken);
        }

        var scope = description.Info.Aggregate;
        // The key is this caller's, for this command: the same key from another caller is another key, never their reply.
        var storedKey = IdempotencyScope.StoredKeyOf(command.Name, commandOptions.Caller.Actor, idempotencyKey);
        var hash = IdempotencyScope.RequestHash(request, body);
        // Twins within this process wait here, per key; twins on other instances meet at the store's claim.
        using var turn = await services.GetRequiredService<IdempotencyGate>().EnterAsync(scope, storedKey, options.IdempotencyWait, cancellationToken)
            ?? throw HttpRequestProblem.IdempotencyKeyInProgress(idempotencyKey);
        var idempotent = new IdempotentCommand(
            services.GetRequiredService<IIdempotencyStore>(),
            services.GetRequiredService<IEventStore>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            options);
        var outcome = await idempotent.RunAsync(
            services.GetRequiredService<IService<TState>>(), aggregate, scope, storedKey, (idempotencyKey, commandOptions.Caller.Actor), hash,
            () => RunAsync(http, aggregate, body, commandOptions, cancellationToken), cancellationToken);
        return outcome.Replayed
            ? Replay(http, idempotencyKey, hash, outcome.Response)
            : EntityResponses.Json(http.Response, StatusCodes.Status200OK, outcome.Response.Body, outcome.Revision);
    }

    /// <summary>The route's aggregate; a malformed key is a 400, and an attempt at an audited command with one is audited as invalid.</summary>
    private AggregateId AggregateOf(HttpContext http, string key)
    {
        try
        {
            return RouteKey.IdOf(description, key);
        }
        catch (HttpRequestProblem) when (description.Dispatcher.IsAudited(command.Name))
        {
            Security.AttemptAudit.Record(http, description.Info.Aggregate, command.Name, key, WeeEvents.Telemetry.AuditLog.Invalid);
            throw;
        }
    }

    private async Task<IResult> ExecuteAsync(HttpContext http, AggregateId aggregate, byte[] body, CommandOptions options, CancellationToken cancellationToken)
    {
        var entity = await RunAsync(http, aggregate, body, options, cancellationToken);
        return EntityResponses.Json(http.Response, StatusCodes.Status200OK, EntityResponses.Serialize(entity), entity.Revision.Value);
    }

    private Task<Entity<TState>> RunAsync(HttpContext http, AggregateId aggregate, byte[] body, CommandOptions options, CancellationToken cancellationToken)
    {
        var payload = CommandBody.Parse(body, aggregate, command);
        return http.RequestServices.GetRequiredService<IService<TState>>().ExecuteAsync(command.Name, aggregate, payload, options, cancellationToken);
    }

    private static IResult Replay(HttpContext http, string key, string hash, IdempotentResponse stored)
    {
        if (!string.Equals(stored.RequestHash, hash, StringComparison.Ordinal))
        {
            throw HttpRequestProblem.IdempotencyKeyReused(key);
        }

        http.Response.Headers[HttpHeaderNames.IdempotencyReplayed] = "true";
        return EntityResponses.Json(http.Response, stored.StatusCode, stored.Body, EntityResponses.RevisionIn(stored.Body));
    }

    /// <summary>Echoed on every response, problems included (a problem's response is rebuilt from scratch, so set it as the response starts).</summary>
    internal static void EchoCorrelationId(HttpContext http, string correlationId) =>
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[HttpHeaderNames.CorrelationId] = correlationId;
            return Task.CompletedTask;
        });
}
