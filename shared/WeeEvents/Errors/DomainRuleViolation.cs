namespace WeeEvents;

/// <summary>
/// The base of every business-rule error: the command was well formed but the aggregate's state does
/// not allow it (an overdraft, cancelling a paid order). Carries the state and the attempted operation.
/// </summary>
public abstract class DomainRuleViolation : WeeEventsException
{
    /// <summary>Creates the error.</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="state">The name of the state the aggregate was in.</param>
    /// <param name="operation">What was attempted (usually the command name).</param>
    /// <param name="message">What rule was broken, in words a client can read.</param>
    protected DomainRuleViolation(AggregateId aggregate, string state, string operation, string message)
        : base(aggregate, message)
    {
        State = state;
        Operation = operation;
    }

    /// <summary>The name of the state the aggregate was in.</summary>
    public string State { get; }

    /// <summary>What was attempted.</summary>
    public string Operation { get; }

    /// <summary>A stable, kebab-case name for the rule (the problem type); defaults from the class name.</summary>
    public virtual string Rule => KebabCase(GetType().Name);

    private static string KebabCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
