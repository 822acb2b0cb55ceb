using WeeEvents.AspNetCore.Problems;
using WeeEvents.Messaging;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// <c>POST /{type}/{key}/{command}</c>: reads the body within its limit, honours <c>Idempotency-Key</c>,
/// <c>If-Match</c> and <c>X-Correlation-Id</c>, runs the command and returns the entity after it.
/// Errors are thrown and written once by <see cref="WeeEventsExceptionHandler"/>.
/// </summary>
internal sealed partial class CommandEndpoint<TState>(ServiceDescription<TState> description, CommandRegistration<TState> command)
{
    public async Task<IResult> HandleAsync(HttpContext http, string key, CancellationToken cancellationToken)
    {
        var aggregate = RouteKey.IdOf(description, key);
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
            Actor = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null,
        };
        var body = await CommandBody.ReadAsync(request, options.MaxCommandBodyBytes, cancellationToken);

        if (commandOptions.IdempotencyKey is not { } idempotencyKey)
        {
            return await ExecuteAsync(http, aggregate, body, commandOptions, cancellationToken);
        }

        var store = services.GetRequiredService<IIdempotencyStore>();
        var scope = description.Info.Aggregate;
        var hash = IdempotencyGate.RequestHash(request, body);
        using var _ = await services.GetRequiredService<IdempotencyGate>().EnterAsync(scope, idempotencyKey, cancellationToken);
        if (await store.FindAsync(scope, idempotencyKey, cancellationToken) is { } stored)
        {
            return Replay(http, idempotencyKey, hash, stored);
        }

        var entity = await RunAsync(http, aggregate, body, commandOptions, cancellationToken);
        var json = EntityResponses.Serialize(entity);
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        // Only successes are kept: a refused command changed nothing, so running it again is harmless.
        if (!await store.TrySaveAsync(scope, idempotencyKey, new IdempotentResponse(hash, StatusCodes.Status200OK, json, time.GetUtcNow()), cancellationToken))
        {
            // Another instance stored a response for the key meanwhile (the gate serialises within one process only).
            LogLostIdempotencyRace(services, idempotencyKey, scope);
        }

        return EntityResponses.Json(http.Response, StatusCodes.Status200OK, json, entity.Revision.Value);
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

    private static void LogLostIdempotencyRace(IServiceProvider services, string key, string scope) =>
        LogLostRace(services.GetRequiredService<ILoggerFactory>().CreateLogger("WeeEvents.AspNetCore.Idempotency"), key, scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key {Key} of {Scope} was stored by another request while this one ran; the command ran twice")]
    private static partial void LogLostRace(ILogger logger, string key, string scope);
}
