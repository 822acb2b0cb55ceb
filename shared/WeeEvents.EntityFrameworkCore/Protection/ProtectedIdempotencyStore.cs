using System.Text.Json;
using WeeEvents.Messaging;
using WeeEvents.Protection;

namespace WeeEvents.EntityFrameworkCore.Protection;

/// <summary>
/// The stored replies of idempotent requests with their personal fields encrypted like events (the reply to
/// <c>place-order</c> holds the customer's name and address): the <c>idempotency_keys</c> rows hold no plain value, a
/// replay decrypts, and a replay for a forgotten customer shows them erased (forgetting also deletes those rows).
/// </summary>
internal sealed class ProtectedIdempotencyStore(EfIdempotencyStore inner, IPersonalDataProtector protector) : IIdempotencyStore
{
    public async Task<IdempotentResponse?> FindAsync(string scope, string key, CancellationToken cancellationToken) =>
        await RevealAsync(await inner.FindAsync(scope, key, cancellationToken), cancellationToken);

    public async Task<bool> TrySaveAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken) =>
        await inner.TrySaveAsync(scope, key, await ProtectAsync(scope, response, cancellationToken), cancellationToken);

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, DateTimeOffset abandonedBefore, CancellationToken cancellationToken)
    {
        var claim = await inner.ClaimAsync(scope, key, requestHash, now, abandonedBefore, cancellationToken);
        return claim.Response is null ? claim : claim with { Response = await RevealAsync(claim.Response, cancellationToken) };
    }

    public async Task CompleteAsync(string scope, string key, IdempotentResponse response, CancellationToken cancellationToken) =>
        await inner.CompleteAsync(scope, key, await ProtectAsync(scope, response, cancellationToken), cancellationToken);

    public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken) => inner.ReleaseAsync(scope, key, cancellationToken);

    private async Task<IdempotentResponse> ProtectAsync(string scope, IdempotentResponse response, CancellationToken cancellationToken)
    {
        if (!TryParse(response.Body, out var body))
        {
            return response;
        }

        // A reply naming no customer is keyed to its scope (the entity type), a subject nobody forgets.
        var protectedBody = await protector.ProtectDocumentAsync(body, "replies:" + scope, cancellationToken);
        return response with { Body = protectedBody.GetRawText() };
    }

    private async Task<IdempotentResponse?> RevealAsync(IdempotentResponse? response, CancellationToken cancellationToken)
    {
        if (response is null || !PersonalDataProtector.MayHoldEncrypted(response.Body) || !TryParse(response.Body, out var body))
        {
            return response;
        }

        return response with { Body = (await protector.RevealAsync(body, null, cancellationToken)).GetRawText() };
    }

    private static bool TryParse(string json, out JsonElement element)
    {
        try
        {
            element = JsonDocument.Parse(json).RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            element = default;
            return false;
        }
    }
}
