using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WeeEvents;

/// <summary>
/// The one way WeeEvents and its services register settings: an options class with a <c>public const string Section</c>,
/// bound from that configuration section, checked by a FluentValidation validator when the host starts, so a setting
/// that cannot work stops the service at once with a message naming its key.
/// </summary>
public static class WeeEventsOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TOptions"/>: bound from its <c>Section</c> of <paramref name="configuration"/> (or,
    /// when none is given, of the container's <see cref="IConfiguration"/> if it has one; otherwise the defaults stand),
    /// validated by <typeparamref name="TValidator"/> at start (<c>ValidateOnStart</c>) and on every first read.
    /// Registering the same options again adds nothing but another binding of the same section.
    /// </summary>
    /// <returns>The options' builder, for settings that come from elsewhere (a connection string, code).</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="TOptions"/> has no <c>public const string Section</c>.</exception>
    public static OptionsBuilder<TOptions> AddWeeEventsOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration? configuration = null)
        where TOptions : class
        where TValidator : AbstractValidator<TOptions>, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        var section = SectionOf<TOptions>();
        var options = services.AddOptions<TOptions>();
        options = configuration is null
            ? options.Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(section).Bind(o))
            : options.Bind(configuration.GetSection(section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, FluentValidationOptions<TOptions, TValidator>>());
        return options.ValidateOnStart();
    }

    /// <summary>The value of <typeparamref name="TOptions"/>'s <c>public const string Section</c>.</summary>
    /// <exception cref="InvalidOperationException">It has none.</exception>
    public static string SectionOf<TOptions>() =>
        typeof(TOptions).GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
        && field.GetRawConstantValue() is string { Length: > 0 } section
            ? section
            : throw new InvalidOperationException($"{typeof(TOptions).Name} has no public const string Section: declare the configuration section it binds from.");
}
