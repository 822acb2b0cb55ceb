using System.Globalization;
using FluentValidation;

namespace WeeEvents;

/// <summary>
/// The rules options validators share, each failing with a message that names the configuration key to fix
/// (<c>WeeEvents:Http:MaxEventPageSize must be from 1 to 10000.</c>), so a service stopped at start says what to change.
/// </summary>
public static class OptionsRules
{
    /// <summary>The value lies from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IRuleBuilderOptions<T, int> Within<T>(this IRuleBuilder<T, int> rule, string key, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.InclusiveBetween(from, to).WithMessage(string.Create(CultureInfo.InvariantCulture, $"{key} must be from {from} to {to}."));
    }

    /// <summary>The value lies from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IRuleBuilderOptions<T, double> Within<T>(this IRuleBuilder<T, double> rule, string key, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.InclusiveBetween(from, to).WithMessage(string.Create(CultureInfo.InvariantCulture, $"{key} must be from {from} to {to}."));
    }

    /// <summary>The duration lies from <paramref name="from"/> to <paramref name="to"/>, both included (written <c>c</c>: <c>00:10:00</c>).</summary>
    public static IRuleBuilderOptions<T, TimeSpan> Within<T>(this IRuleBuilder<T, TimeSpan> rule, string key, TimeSpan from, TimeSpan to)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.InclusiveBetween(from, to).WithMessage(string.Create(CultureInfo.InvariantCulture, $"{key} must be from {from:c} to {to:c}."));
    }

    /// <summary>The duration is more than zero.</summary>
    public static IRuleBuilderOptions<T, TimeSpan> Positive<T>(this IRuleBuilder<T, TimeSpan> rule, string key)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.GreaterThan(TimeSpan.Zero).WithMessage($"{key} must be positive.");
    }
}
