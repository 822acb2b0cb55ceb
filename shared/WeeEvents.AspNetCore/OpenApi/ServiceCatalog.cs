using System.Collections.Concurrent;
using FluentValidation;
using FluentValidation.Validators;

namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>
/// The services mapped in this host and the validators of their commands, by the type they validate.
/// Filled by <c>MapService</c>; read by the OpenAPI transformers.
/// </summary>
internal sealed class ServiceCatalog
{
    private const int MaxNesting = 8;
    private readonly ConcurrentDictionary<string, ServiceInfo> _services = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, IValidatorDescriptor> _validators = new();
    private readonly ConcurrentDictionary<string, bool> _readOnly = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ServiceInfo> Services => _services.Values.OrderBy(s => s.Aggregate, StringComparer.Ordinal).ToArray();

    /// <summary>True when no client may send the entity type a command: its commands come from the service's own consumers.</summary>
    public bool IsReadOnly(string entityType) => _readOnly.TryGetValue(entityType, out var readOnly) && readOnly;

    public void Add<TState>(ServiceDescription<TState> description)
    {
        if (!_services.TryAdd(description.Info.Aggregate, description.Info))
        {
            throw new InvalidOperationException($"A service for entity type '{description.Info.Aggregate}' is already mapped.");
        }

        _readOnly[description.Info.Aggregate] = description.Dispatcher.PublicCommands.Count == 0;
        foreach (var command in description.Dispatcher.PublicCommands)
        {
            AddValidator(command.CommandType, command.Validator, 0);
        }
    }

    /// <summary>The rules of <paramref name="type"/>, when a command (or a nested validator of one) validates it.</summary>
    public IValidatorDescriptor? DescriptorOf(Type type) => _validators.TryGetValue(type, out var d) ? d : null;

    private void AddValidator(Type type, IValidator validator, int depth)
    {
        var descriptor = validator.CreateDescriptor();
        if (!_validators.TryAdd(type, descriptor) || depth >= MaxNesting)
        {
            return;
        }

        // Nested validators (SetValidator, RuleForEach(...).SetValidator) describe nested types' schemas too,
        // when they can be created without arguments.
        foreach (var member in descriptor.GetMembersWithValidators())
        {
            foreach (var (rule, _) in member)
            {
                if (rule is IChildValidatorAdaptor child
                    && child.ValidatorType.GetConstructor(Type.EmptyTypes) is not null
                    && ValidatedType(child.ValidatorType) is { } nestedType
                    && Activator.CreateInstance(child.ValidatorType) is IValidator nested)
                {
                    AddValidator(nestedType, nested, depth + 1);
                }
            }
        }
    }

    private static Type? ValidatedType(Type validatorType) =>
        validatorType.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            ?.GetGenericArguments()[0];
}
