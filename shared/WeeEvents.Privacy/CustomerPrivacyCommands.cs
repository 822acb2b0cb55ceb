using FluentValidation;

namespace WeeEvents.Privacy;

/// <summary>Forget the customer: <c>POST /customer/{id}/forget</c> on Order.</summary>
public static class Forget
{
    /// <summary>The command name.</summary>
    public const string Name = "forget";

    /// <summary>The payload (none).</summary>
    public sealed record Command;

    /// <summary>Nothing to check.</summary>
    public sealed class Validator : AbstractValidator<Command>;
}

/// <summary>Record what this service erased for a <c>CustomerForgotten</c> (run by the service itself).</summary>
public static class RecordErasure
{
    /// <summary>The command name.</summary>
    public const string Name = "record-erasure";

    /// <summary>The payload.</summary>
    /// <param name="KeysDestroyed">How many data keys were destroyed.</param>
    /// <param name="RepliesPurged">How many stored idempotent replies were deleted.</param>
    public sealed record Command(int KeysDestroyed, int RepliesPurged);

    /// <summary>Counts are not negative.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        /// <summary>Creates the validator.</summary>
        public Validator()
        {
            RuleFor(c => c.KeysDestroyed).GreaterThanOrEqualTo(0);
            RuleFor(c => c.RepliesPurged).GreaterThanOrEqualTo(0);
        }
    }
}
