using MassTransit;
using WeeEvents.Messaging;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// Every route's retry policy, in one place: one mechanism per kind of failure, each of them MassTransit's retry filter
/// (the table "failure → who retries it" in the messaging README follows this file). The route processor handles a
/// delivery once per attempt and only names the failure: <see cref="RevisionConflict"/>, <see cref="DependencyOutage"/>
/// (its dependencies were away), or the handling's own exception.
/// <list type="bullet">
/// <item>a dependency away: handled again until it answers, pauses 250 ms growing to
/// <see cref="ConsumerOptions.OutageProbeInterval"/>; never parked;</item>
/// <item>the handling's own failure while everything answers (a dropped database connection included): handled again
/// after each of <see cref="ConsumerOptions.RetryIntervals"/>, then parked in the route's <c>_error</c> queue;</item>
/// <item>a lost revision race: handled again in its turn after each of <see cref="ConsumerOptions.ConflictRetryIntervals"/>
/// (a <see cref="ConflictRetryPolicy"/>, the one the HTTP path uses), then parked;</item>
/// <item>an invalid command, a broken domain rule or an unknown command: never retried, parked at once.</item>
/// </list>
/// The first two are the endpoint's, outermost; the race retry is the handler's, innermost, since the winner is done and a
/// fresh attempt sees its events at once. The two that park say how many times they retried on the parked message
/// (<c>MT-Fault-RetryCount</c>, <see cref="RetryCountOnParking"/>). Turns on streams are taken inside each attempt by its unit of work, so a message
/// waiting between attempts holds no turn.
/// </summary>
internal static class RouteRetries
{
    private static readonly TimeSpan FirstOutagePause = TimeSpan.FromMilliseconds(250);

    /// <summary>The endpoint's retries: the outage retry outermost, so a message leaves an outage with its transient retries intact.</summary>
    public static void OnEndpoint(IReceiveEndpointConfigurator endpoint, ConsumerOptions options)
    {
        endpoint.UseMessageRetry(retry =>
        {
            retry.Handle<DependencyOutage>();
            retry.Exponential(int.MaxValue, TimeSpan.Zero, options.OutageProbeInterval, FirstOutagePause);
        });
        endpoint.UseMessageRetry(retry =>
        {
            retry.Intervals(options.RetryPauses);
            retry.Ignore<DependencyOutage>();
            retry.Ignore<RevisionConflict>();
            IgnoreFinalAnswers(retry);
            retry.ConnectRetryObserver(RetryCountOnParking.Instance);
        });
    }

    /// <summary>The handler's retry: the lost revision race.</summary>
    public static void OnHandler<TMessage>(IHandlerConfigurator<TMessage> handler, ConsumerOptions options)
        where TMessage : class =>
        handler.UseMessageRetry(retry =>
        {
            retry.Handle<RevisionConflict>();
            retry.SetRetryPolicy(filter => new RevisionConflictRetry(options.ConflictRetry, filter));
            retry.ConnectRetryObserver(RetryCountOnParking.Instance);
        });

    /// <summary>Whether <paramref name="failure"/> is an answer that handling the message again cannot change.</summary>
    public static bool IsFinalAnswer(Exception failure) => failure is CommandValidationFailed or DomainRuleViolation or HandlerNotFound;

    private static void IgnoreFinalAnswers(IExceptionConfigurator retry)
    {
        retry.Ignore<CommandValidationFailed>();
        retry.Ignore<DomainRuleViolation>();
        retry.Ignore<HandlerNotFound>();
    }
}
