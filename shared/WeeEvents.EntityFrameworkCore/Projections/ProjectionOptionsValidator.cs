using FluentValidation;

namespace WeeEvents.EntityFrameworkCore.Projections;

/// <summary>Stops start-up on projection settings that cannot work, naming the section.</summary>
internal sealed class ProjectionOptionsValidator : AbstractValidator<ProjectionOptions>
{
    public ProjectionOptionsValidator() =>
        RuleFor(o => o).Must(o => o.BatchSize > 0 && o.PollInterval > TimeSpan.Zero && o.MaxRetryDelay >= o.PollInterval)
            .WithMessage($"{ProjectionOptions.Section}: BatchSize and PollInterval must be positive and MaxRetryDelay at least PollInterval.");
}
