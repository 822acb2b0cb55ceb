using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace WeeEvents.Services.Payment.Gateway;

/// <summary>
/// A payment gateway behind a timeout and a circuit breaker (Polly). A gateway that hangs would otherwise hold each
/// charge, its message and its order open for as long as it hangs. Every call gets <see cref="PaymentGatewayOptions.Timeout"/>;
/// calls that time out count towards opening the circuit, and while it is open calls fail at once. A charge that gets
/// no answer either way throws <see cref="PaymentGatewayUnanswered"/>, which the payment decides as declined; a lookup or
/// refund throws <see cref="PaymentGatewayUnavailable"/> and is retried. Failures the gateway reports itself
/// (<see cref="PaymentGatewayUnavailable"/>) are fast and pass through unchanged: the message retry policy handles them.
/// </summary>
public sealed class ResilientPaymentGateway : IPaymentGateway
{
    private readonly IPaymentGateway _inner;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public ResilientPaymentGateway(IPaymentGateway inner, PaymentGatewayOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    /// <summary>The gateway behind the timeout and the breaker.</summary>
    public IPaymentGateway Inner => _inner;

    /// <inheritdoc />
    /// <exception cref="PaymentGatewayUnanswered">No answer within the timeout, or the circuit is open.</exception>
    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async ct => await _inner.ChargeAsync(request, ct).WaitAsync(ct), cancellationToken);
        }
        catch (Exception e) when (e is TimeoutRejectedException or BrokenCircuitException)
        {
            throw new PaymentGatewayUnanswered($"The payment gateway did not answer charging {request.IdempotencyKey} in time.", e);
        }
    }

    /// <inheritdoc />
    public Task<RecordedCharge?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        RetriedLaterAsync(ct => _inner.FindChargeAsync(idempotencyKey, ct), cancellationToken);

    /// <inheritdoc />
    public Task<string> RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
        RetriedLaterAsync(ct => _inner.RefundAsync(request, ct), cancellationToken);

    private async Task<T> RetriedLaterAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            // WaitAsync: a gateway client that ignores cancellation still cannot hold the caller past the timeout.
            return await _pipeline.ExecuteAsync(async ct => await call(ct).WaitAsync(ct), cancellationToken);
        }
        catch (Exception e) when (e is TimeoutRejectedException or BrokenCircuitException)
        {
            throw new PaymentGatewayUnavailable("The payment gateway did not answer in time; retry later.", e);
        }
    }
}

/// <summary>
/// A charge got no answer from the gateway in time (it timed out, or the circuit is open after many did). Payment
/// decides such a charge as declined rather than hold the order open; the payment id is the gateway's idempotency key,
/// so a charge the gateway made after all is found and refunded when the order's cancellation reaches Payment.
/// </summary>
public sealed class PaymentGatewayUnanswered : Exception
{
    /// <summary>Creates the error.</summary>
    public PaymentGatewayUnanswered(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the error.</summary>
    public PaymentGatewayUnanswered(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public PaymentGatewayUnanswered()
    {
    }
}
