using FluentValidation;

namespace WeeEvents;

/// <summary>
/// <see cref="AggregateKeyRule"/> as a FluentValidation rule, for commands that carry another aggregate's key (an
/// order line's SKU, the order a reservation is for): refused at the door rather than when a consumer later tries to
/// make an id of it.
/// </summary>
public static class AggregateKeyValidation
{
    /// <summary>The value must be a valid aggregate key; the error says what is wrong and states the rule.</summary>
    public static IRuleBuilderOptions<T, string> AggregateKey<T>(this IRuleBuilder<T, string> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Must((_, key, context) =>
        {
            if (AggregateKeyRule.Check(key) is not { } problem)
            {
                return true;
            }

            context.MessageFormatter.AppendArgument("Problem", problem);
            return false;
        }).WithMessage("{Problem} " + AggregateKeyRule.Description);
    }
}
