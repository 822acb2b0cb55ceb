using FluentValidation;
using Microsoft.Extensions.Options;

namespace WeeEvents;

/// <summary>
/// Runs a FluentValidation validator as the options pattern's check: every failure's message, together, stops the read
/// (and the host, under <c>ValidateOnStart</c>). Only the default (unnamed) instance is checked, as the registration
/// of <see cref="WeeEventsOptionsServiceCollectionExtensions.AddWeeEventsOptions{TOptions, TValidator}"/> binds it.
/// </summary>
/// <typeparam name="TOptions">The options.</typeparam>
/// <typeparam name="TValidator">Their rules; each message names the key to fix.</typeparam>
public sealed class FluentValidationOptions<TOptions, TValidator> : IValidateOptions<TOptions>
    where TOptions : class
    where TValidator : AbstractValidator<TOptions>, new()
{
    private readonly TValidator _validator = new();

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is not null && name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var result = _validator.Validate(options);
        return result.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(result.Errors.Select(e => e.ErrorMessage));
    }
}
