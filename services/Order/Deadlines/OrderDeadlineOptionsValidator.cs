using FluentValidation;

namespace WeeEvents.Services.Order.Deadlines;

/// <summary>Stops start-up on deadline settings that cannot work, naming the key under <c>WeeEvents:Orders</c>.</summary>
internal sealed class OrderDeadlineOptionsValidator : AbstractValidator<OrderDeadlineOptions>
{
    private const string S = OrderDeadlineOptions.Section;

    public OrderDeadlineOptionsValidator()
    {
        RuleFor(o => o.Deadline).Positive($"{S}:Deadline");
        RuleFor(o => o.CheckInterval).Positive($"{S}:CheckInterval");
        RuleFor(o => o.BatchSize).GreaterThan(0).WithMessage($"{S}:BatchSize must be positive.");
    }
}
