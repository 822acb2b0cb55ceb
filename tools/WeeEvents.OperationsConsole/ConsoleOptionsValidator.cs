using FluentValidation;

namespace WeeEvents.OperationsConsole;

/// <summary>Stops the console at start when it has no service to look at, naming the key.</summary>
internal sealed class ConsoleOptionsValidator : AbstractValidator<ConsoleOptions>
{
    public ConsoleOptionsValidator() =>
        RuleFor(o => o.Services).NotEmpty().WithMessage($"{ConsoleOptions.Section}:Services names no service.");
}
