using MassTransit;
using MassTransit.RetryPolicies;

namespace WeeEvents.MassTransit.Routing;

/// <summary>
/// MassTransit's retry filter paced by a <see cref="ConflictRetryPolicy"/>: the same policy type the command path uses
/// over HTTP, so a lost race is retried one way everywhere. MassTransit runs the attempts; the policy says how many and
/// how long each pause is (jittered per message, which MassTransit's interval policy is not).
/// </summary>
internal sealed class RevisionConflictRetry(ConflictRetryPolicy policy, IExceptionFilter filter) : IRetryPolicy
{
    private ConflictRetryPolicy Policy { get; } = policy;

    public RetryPolicyContext<T> CreatePolicyContext<T>(T context)
        where T : class, PipeContext => new PolicyContext<T>(this, context);

    public bool IsHandled(Exception exception) => filter.Match(exception);

    public void Probe(ProbeContext context)
    {
        context.Set(new { Policy = "RevisionConflict", Limit = Policy.Retries, Intervals = Policy.Pauses });
        filter.Probe(context);
    }

    public override string ToString() => $"RevisionConflict (limit {Policy.Retries})";

    private sealed class PolicyContext<T>(RevisionConflictRetry retry, T context) : BaseRetryPolicyContext<T>(retry, context)
        where T : class, PipeContext
    {
        public override bool CanRetry(Exception exception, out RetryContext<T> retryContext) =>
            base.CanRetry(exception, out retryContext) && retry.Policy.Allows(0);

        protected override RetryContext<T> CreateRetryContext(Exception exception, CancellationToken cancellationToken) =>
            new Attempt<T>(retry, Context, exception, 0, cancellationToken);
    }

    private sealed class Attempt<T> : BaseRetryContext<T>, RetryContext<T>
        where T : class, PipeContext
    {
        private readonly RevisionConflictRetry _retry;
        private readonly TimeSpan? _delay;

        public Attempt(RevisionConflictRetry retry, T context, Exception exception, int retryCount, CancellationToken cancellationToken)
            : base(context, exception, retryCount, cancellationToken)
        {
            _retry = retry;
            // Drawn once per attempt: the filter reads it when it waits.
            _delay = retry.Policy.Allows(retryCount) ? retry.Policy.PauseBefore(retryCount) : null;
        }

        public override TimeSpan? Delay => _delay;

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            retryContext = new Attempt<T>(_retry, Context, Exception, RetryCount + 1, CancellationToken);
            return _retry.Policy.Allows(RetryAttempt) && _retry.IsHandled(exception);
        }
    }
}
