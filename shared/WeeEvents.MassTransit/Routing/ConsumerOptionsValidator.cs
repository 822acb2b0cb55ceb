using FluentValidation;

namespace WeeEvents.MassTransit.Routing;

/// <summary>Stops start-up on consumer settings that cannot work, naming the key.</summary>
internal sealed class ConsumerOptionsValidator : AbstractValidator<ConsumerOptions>
{
    private const string S = ConsumerOptions.Section;

    public ConsumerOptionsValidator()
    {
        RuleFor(o => o.Partitions).Null()
            .WithMessage($"{S}:Partitions is no longer read: messages for the same stream take turns in the storage; size the turns with WeeEvents:Database:StreamTurns and the messages each route handles at once with {S}:ConcurrentMessages.");
        RuleFor(o => o.ConcurrentMessages).GreaterThanOrEqualTo(1).WithMessage($"{S}:ConcurrentMessages must be at least 1.");
        RuleFor(o => o.Prefetch).GreaterThanOrEqualTo(1).WithMessage($"{S}:Prefetch must be at least 1.");
        RuleFor(o => o).Must(o => !o.ConflictPauses.Any(i => i < TimeSpan.Zero) && !o.RetryPauses.Any(i => i < TimeSpan.Zero))
            .WithMessage($"{S}:ConflictRetryIntervals and RetryIntervals must not be negative.");
        RuleFor(o => o.OutageProbeInterval).Positive($"{S}:OutageProbeInterval");
        RuleFor(o => o.QueueType).Must((o, _) => o.ResolveQueueType() is not null)
            .WithMessage(o => $"{S}:QueueType must be one of {string.Join(", ", Enum.GetNames<RouteQueueType>())}; it is '{o.QueueType}'.");
        RuleFor(o => o.ConsumeTopology).Must((o, _) => o.ResolveConsumeTopology() is not null)
            .WithMessage(o => $"{S}:ConsumeTopology must be one of {string.Join(", ", Enum.GetNames<RouteTopology>())}; it is '{o.ConsumeTopology}'.");
    }
}
