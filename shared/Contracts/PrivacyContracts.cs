using MassTransit;

namespace WeeEvents.Contracts.Privacy;

/// <summary>
/// A customer asked to be forgotten (published by Order). Every service destroys the customer's data keys, so every
/// personal field it holds of them reads as erased from then on, purges the replies it stored for them, and records
/// that it did.
/// </summary>
/// <param name="CustomerId">The customer: the data subject whose keys go.</param>
/// <param name="RequestedAt">When the request was accepted.</param>
[MessageUrn("weeevents:privacy:customer-forgotten:v1")]
public sealed record CustomerForgotten(string CustomerId, DateTimeOffset RequestedAt);
