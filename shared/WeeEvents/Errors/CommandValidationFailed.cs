namespace WeeEvents;

/// <summary>One problem with one field of a command.</summary>
/// <param name="Field">The field's path in the command, camelCase (for example <c>lines[0].quantity</c>); empty for the whole command.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record FieldError(string Field, string Message);

/// <summary>The command was malformed or broke its validator's rules; nothing was recorded.</summary>
public sealed class CommandValidationFailed(AggregateId aggregate, string command, IReadOnlyList<FieldError> errors)
    : WeeEventsException(aggregate, $"Command '{command}' on {aggregate} is invalid: " +
        string.Join("; ", errors.Select(e => e.Field.Length == 0 ? e.Message : $"{e.Field}: {e.Message}")))
{
    /// <summary>The command name.</summary>
    public string Command { get; } = command;

    /// <summary>Every problem found, by field.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
