namespace WeeEvents.Messaging;

/// <summary>What <see cref="IIdempotencyStore.ClaimAsync"/> found for a key.</summary>
public enum IdempotencyClaimOutcome
{
    /// <summary>The key was free and is now this request's: run the command, then complete or release the claim.</summary>
    Claimed,

    /// <summary>
    /// The key was claimed by a request that went quiet for longer than the claim timeout (its instance may have
    /// crashed between its command and completing the claim) and is now this request's. Its command may have
    /// committed: look for events carrying the key before running it again.
    /// </summary>
    Resumed,

    /// <summary>A request holding the key has not finished yet (on this or another instance).</summary>
    InProgress,

    /// <summary>A request with the key finished: <see cref="IdempotencyClaim.Response"/> is its response.</summary>
    Completed,
}

/// <summary>The result of claiming an idempotency key before running the command it guards.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="RequestHash">The hash of the request that holds or held the key (this request's when claimed).</param>
/// <param name="Response">The stored response, when <paramref name="Outcome"/> is <see cref="IdempotencyClaimOutcome.Completed"/>.</param>
public sealed record IdempotencyClaim(IdempotencyClaimOutcome Outcome, string RequestHash, IdempotentResponse? Response = null);
