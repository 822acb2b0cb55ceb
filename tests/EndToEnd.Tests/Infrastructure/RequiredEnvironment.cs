namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>The servers these tests run against: named by environment variables that scripts/test.sh exports.</summary>
public static class RequiredEnvironment
{
    /// <summary>The AMQP URL of the RabbitMQ broker (<c>RABBITMQ_URL</c>).</summary>
    public const string RabbitMqUrl = "RABBITMQ_URL";

    /// <summary>The management API of that broker (<c>RABBITMQ_MANAGEMENT_URL</c>); defaults to port 15672 of its host.</summary>
    public const string RabbitMqManagementUrl = "RABBITMQ_MANAGEMENT_URL";

    /// <summary>A superuser login to PostgreSQL (<c>POSTGRES_CONNECTION</c>); each service gets a database of its own.</summary>
    public const string PostgresConnection = "POSTGRES_CONNECTION";

    /// <summary>The value of <paramref name="variable"/>, or a failure that says what to set.</summary>
    public static string Get(string variable, string example) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The end-to-end tests need {variable} (e.g. {example}); scripts/test.sh starts the servers and exports it.");
}
