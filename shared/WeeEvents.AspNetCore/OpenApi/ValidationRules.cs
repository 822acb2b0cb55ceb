using System.Globalization;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.OpenApi;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// Translates FluentValidation rules into JSON Schema keywords where they mean the same thing: lengths,
/// ranges, patterns, required. Conditional rules (When/Unless) are left out, since a schema cannot say "sometimes".
/// </summary>
internal static class ValidationRules
{
    /// <summary>The member's unconditional rules.</summary>
    public static IEnumerable<IPropertyValidator> For(IValidatorDescriptor descriptor, string member) =>
        descriptor.GetMembersWithValidators()[member]
            .Where(r => !r.Options.HasCondition && !r.Options.HasAsyncCondition)
            .Select(r => r.Validator);

    /// <summary>True when a rule makes the member required (NotNull, NotEmpty).</summary>
    public static bool MakesRequired(IEnumerable<IPropertyValidator> rules) =>
        rules.Any(r => r is INotNullValidator or INotEmptyValidator);

    /// <summary>Writes the rules into the member's schema.</summary>
    public static void Apply(OpenApiSchema schema, IEnumerable<IPropertyValidator> rules, Type memberType)
    {
        var isText = memberType == typeof(string);
        var isCollection = !isText && typeof(System.Collections.IEnumerable).IsAssignableFrom(memberType);
        foreach (var rule in rules)
        {
            switch (rule)
            {
                case ILengthValidator length when isText:
                    if (length.Min > 0)
                    {
                        schema.MinLength = Math.Max(schema.MinLength ?? 0, length.Min);
                    }

                    if (length.Max > 0)
                    {
                        schema.MaxLength = Math.Min(schema.MaxLength ?? int.MaxValue, length.Max);
                    }

                    break;
                case INotEmptyValidator when isText:
                    schema.MinLength = Math.Max(schema.MinLength ?? 0, 1);
                    break;
                case INotEmptyValidator when isCollection:
                    schema.MinItems = Math.Max(schema.MinItems ?? 0, 1);
                    break;
                case IRegularExpressionValidator regex when isText:
                    schema.Pattern = regex.Expression;
                    break;
                case IEmailValidator when isText:
                    schema.Format = "email";
                    break;
                case IBetweenValidator between when Number(between.From) is { } from && Number(between.To) is { } to:
                    if (rule.Name.StartsWith("Exclusive", StringComparison.Ordinal))
                    {
                        schema.ExclusiveMinimum = from;
                        schema.ExclusiveMaximum = to;
                    }
                    else
                    {
                        schema.Minimum = from;
                        schema.Maximum = to;
                    }

                    break;
                case IComparisonValidator { MemberToCompare: null } comparison when Number(comparison.ValueToCompare) is { } value:
                    ApplyComparison(schema, comparison.Comparison, value);
                    break;
            }
        }
    }

    private static void ApplyComparison(OpenApiSchema schema, Comparison comparison, string value)
    {
        switch (comparison)
        {
            case Comparison.GreaterThan:
                schema.ExclusiveMinimum = value;
                break;
            case Comparison.GreaterThanOrEqual:
                schema.Minimum = value;
                break;
            case Comparison.LessThan:
                schema.ExclusiveMaximum = value;
                break;
            case Comparison.LessThanOrEqual:
                schema.Maximum = value;
                break;
        }
    }

    private static string? Number(object? value) => value switch
    {
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal =>
            Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => null,
    };
}
