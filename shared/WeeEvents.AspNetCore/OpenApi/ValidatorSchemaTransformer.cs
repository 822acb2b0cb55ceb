using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// Adds each command's FluentValidation rules to its schema (required members, lengths, ranges, patterns),
/// so that the document says what the server will refuse before a client sends it.
/// </summary>
internal sealed class ValidatorSchemaTransformer(ServiceCatalog catalog) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } property)
        {
            if (catalog.DescriptorOf(property.DeclaringType) is { } declaring && MemberName(property.AttributeProvider) is { } member)
            {
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                ValidationRules.Apply(schema, ValidationRules.For(declaring, member), type);
            }

            return Task.CompletedTask;
        }

        if (catalog.DescriptorOf(context.JsonTypeInfo.Type) is not { } descriptor)
        {
            return Task.CompletedTask;
        }

        foreach (var jsonProperty in context.JsonTypeInfo.Properties)
        {
            if (MemberName(jsonProperty.AttributeProvider) is { } member && ValidationRules.MakesRequired(ValidationRules.For(descriptor, member)))
            {
                schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
                schema.Required.Add(jsonProperty.Name);
            }
        }

        return Task.CompletedTask;
    }

    private static string? MemberName(ICustomAttributeProvider? provider) => (provider as MemberInfo)?.Name;
}
