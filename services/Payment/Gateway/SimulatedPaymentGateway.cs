namespace WeeEvents.Services.Payment.Gateway;

/// <summary>
/// A payment gateway in memory, for the demo and tests: <c>tok_decline</c> is declined;
/// <c>tok_flaky</c> fails transiently on its first attempt per idempotency key and is approved on retry;
/// any other token is approved. A key is charged (and refunded) at most once.
/// </summary>
public sealed class SimulatedPaymentGateway : IPaymentGateway
{
    /// <summary>The token that is always declined.</summary>
    public const string DeclineToken = "tok_decline";

    /// <summary>The token whose first attempt per key fails transiently.</summary>
    public const string FlakyToken = "tok_flaky";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, RecordedCharge> _charges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refunds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flakyAttempted = new(StringComparer.Ordinal);

    /// <summary>Charges actually made (approved), by key: each key at most once.</summary>
    public IReadOnlyDictionary<string, decimal> Charged
    {
        get
        {
            lock (_gate)
            {
                return _charges.Values
                    .Where(c => c.Outcome is ChargeOutcome.Approved)
                    .ToDictionary(c => c.IdempotencyKey, c => c.Amount, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Refunds actually made, by key.</summary>
    public IReadOnlyCollection<string> Refunded
    {
        get
        {
            lock (_gate)
            {
                return _refunds.Keys.ToArray();
            }
        }
    }

    /// <summary>The transaction id an approved charge under <paramref name="idempotencyKey"/> gets: derived from the key, so outcomes are reproducible.</summary>
    public static string TransactionIdFor(string idempotencyKey) => $"txn-{idempotencyKey}";

    /// <inheritdoc />
    public Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (_charges.TryGetValue(request.IdempotencyKey, out var earlier))
            {
                return Task.FromResult(earlier.Outcome);
            }

            if (request.PaymentToken == FlakyToken && _flakyAttempted.Add(request.IdempotencyKey))
            {
                throw new PaymentGatewayUnavailable($"The gateway timed out charging {request.IdempotencyKey}; retry with the same key.");
            }

            ChargeOutcome outcome = request.PaymentToken == DeclineToken
                ? new ChargeOutcome.Declined("card declined")
                : new ChargeOutcome.Approved(TransactionIdFor(request.IdempotencyKey));
            _charges[request.IdempotencyKey] = new RecordedCharge(request.IdempotencyKey, request.Amount, request.Currency, outcome);
            return Task.FromResult(outcome);
        }
    }

    /// <inheritdoc />
    public Task<RecordedCharge?> FindChargeAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        lock (_gate)
        {
            return Task.FromResult(_charges.GetValueOrDefault(idempotencyKey));
        }
    }

    /// <inheritdoc />
    public Task<string> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_refunds.TryGetValue(request.IdempotencyKey, out var refundId))
            {
                if (_charges.GetValueOrDefault(request.IdempotencyKey)?.Outcome is not ChargeOutcome.Approved approved || approved.TransactionId != request.TransactionId)
                {
                    throw new InvalidOperationException($"No charge {request.TransactionId} under {request.IdempotencyKey} to refund.");
                }

                refundId = $"rfd-{request.IdempotencyKey}";
                _refunds[request.IdempotencyKey] = refundId;
            }

            return Task.FromResult(refundId);
        }
    }
}
