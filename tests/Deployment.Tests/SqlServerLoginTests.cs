using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace WeeEvents.Deployment.Tests;

/// <summary>
/// Each service logs in to SQL Server with a login of its own that reaches its own database only, so one service
/// cannot read another's events or data keys. SQL Server cannot run here: compose and the statements
/// <c>scripts/sqlserver-logins.sh</c> runs are read and checked instead.
/// </summary>
public partial class SqlServerLoginTests
{
    private static readonly Lazy<string> Statements = new(PrintStatements);

    public static TheoryData<string> Services => [.. Compose.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_connects_with_its_own_login_and_password_never_sa(string service)
    {
        var connection = Compose.ConnectionParts(Compose.Environment(service)["ConnectionStrings__Events"]);

        Assert.Equal(service, connection["User Id"]);
        Assert.Equal(Compose.SqlLoginPassword(service), connection["Password"]);
        Assert.DoesNotContain(Compose.SqlPassword, Compose.Environment(service).Values.Where(v => v.Contains(Compose.SqlPassword, StringComparison.Ordinal)));
    }

    [Fact]
    public void Sas_password_reaches_only_sql_server_and_the_one_shot_init()
    {
        var services = Compose.Mapping(Compose.Config, "services").Children.Keys.Select(k => k.ToString());

        var knowing = services.Where(name => Compose.Environment(name).Values.Any(v => v.Contains(Compose.SqlPassword, StringComparison.Ordinal)));

        Assert.Equal(["sqlserver", "sqlserver-init"], knowing.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_init_runs_the_logins_script_as_sa_once_sql_server_is_healthy_and_every_service_waits_for_it()
    {
        var init = Compose.Service("sqlserver-init");
        Assert.Equal("sh /sqlserver-logins.sh", string.Join(' ', ((YamlSequenceNode)init.Children[new YamlScalarNode("entrypoint")]).Select(n => n.ToString())));
        Assert.Contains("/scripts/sqlserver-logins.sh:/sqlserver-logins.sh:ro", string.Join(' ', ((YamlSequenceNode)init.Children[new YamlScalarNode("volumes")]).Select(n => n.ToString())), StringComparison.Ordinal);
        Assert.Equal("service_healthy", Condition(init, "sqlserver"));
        var env = Compose.Environment("sqlserver-init");
        Assert.Equal(Compose.SqlPassword, env["WEEEVENTS_SQL_PASSWORD"]);
        foreach (var service in Compose.Services)
        {
            Assert.Equal(Compose.SqlLoginPassword(service), env[Compose.SqlLoginPasswordVariable(service)]);
            Assert.Equal("service_completed_successfully", Condition(Compose.Service(service), "sqlserver-init"));
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_script_creates_the_services_database_and_login_with_the_password_compose_gives_it(string service)
    {
        var database = DatabaseOf(service);
        var password = Compose.SqlLoginPassword(service);

        Assert.Contains($"CREATE DATABASE [{database}];", Statements.Value, StringComparison.Ordinal);
        Assert.Contains($"CREATE LOGIN [{service}] WITH PASSWORD = N'{password}', DEFAULT_DATABASE = [{database}], CHECK_POLICY = ON;", Statements.Value, StringComparison.Ordinal);
        Assert.Contains($"ALTER LOGIN [{service}] WITH PASSWORD = N'{password}', DEFAULT_DATABASE = [{database}];", Statements.Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_script_gives_each_login_a_user_in_its_own_database_only_with_the_rights_its_schema_needs(string service)
    {
        var rights = RightsByDatabase().Where(r => r.Principal == service).ToArray();

        // Everything granted to the login is granted inside its own database: no user, role or right anywhere else.
        Assert.All(rights, r => Assert.Equal(DatabaseOf(service), r.Database));
        Assert.Equal(
            [
                $"ALTER ROLE [db_datareader] ADD MEMBER [{service}];",
                $"ALTER ROLE [db_datawriter] ADD MEMBER [{service}];",
                $"GRANT ALTER ON SCHEMA::[dbo] TO [{service}];",
                $"GRANT CREATE TABLE TO [{service}];",
                $"IF USER_ID(N'{service}') IS NULL CREATE USER [{service}] FOR LOGIN [{service}] WITH DEFAULT_SCHEMA = [dbo];",
            ],
            rights.Select(r => r.Statement).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_script_grants_no_server_role_no_ownership_and_nothing_outside_a_services_database()
    {
        Assert.DoesNotMatch(ServerWideRights(), Statements.Value);
        var outside = RightsByDatabase().Where(r => r.Database is null && Regex.IsMatch(r.Statement, @"^(GRANT|ALTER ROLE|ALTER SERVER ROLE|CREATE USER|IF USER_ID)", RegexOptions.IgnoreCase));
        Assert.Empty(outside);
    }

    [Fact]
    public void A_password_with_a_quote_is_quoted_not_run()
    {
        var statements = PrintStatements(new() { [Compose.SqlLoginPasswordVariable("order")] = "a'; DROP LOGIN sa; --" });

        Assert.Contains("N'a''; DROP LOGIN sa; --'", statements, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_services_password_the_script_stops_naming_the_variable()
    {
        var (exitCode, _, errors) = RunScript(new() { [Compose.SqlLoginPasswordVariable("payment")] = null });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(Compose.SqlLoginPasswordVariable("payment"), errors, StringComparison.Ordinal);
    }

    /// <summary>The database compose points <paramref name="service"/> at.</summary>
    private static string DatabaseOf(string service) =>
        Compose.ConnectionParts(Compose.Environment(service)["ConnectionStrings__Events"])["Database"];

    /// <summary>Every statement of the script that names a principal, with the database it runs in (null: the server's default).</summary>
    private static IEnumerable<(string? Database, string Principal, string Statement)> RightsByDatabase()
    {
        string? database = null;
        foreach (var line in Statements.Value.Split('\n').Select(l => l.Trim()))
        {
            if (line == "GO")
            {
                database = null; // each batch of the script names its database again
                continue;
            }

            if (UseDatabase().Match(line) is { Success: true } use)
            {
                database = use.Groups[1].Value;
                continue;
            }

            // The databases and logins themselves are created at the server's level; what follows them is a right.
            if (ServerObjects().IsMatch(line))
            {
                continue;
            }

            foreach (var service in Compose.Services.Where(s => line.Contains($"[{s}]", StringComparison.Ordinal)))
            {
                yield return (database, service, line);
            }
        }
    }

    private static string Condition(YamlMappingNode service, string dependency) =>
        Compose.Mapping(Compose.Mapping(service, "depends_on"), dependency).Children[new YamlScalarNode("condition")].ToString();

    private static string PrintStatements() => PrintStatements([]);

    private static string PrintStatements(Dictionary<string, string?> overrides)
    {
        var (exitCode, output, errors) = RunScript(overrides);
        Assert.True(exitCode == 0, "scripts/sqlserver-logins.sh failed: " + errors);
        return output;
    }

    /// <summary>Runs the script in its printing mode with compose's test passwords, <paramref name="overrides"/> applied (null removes).</summary>
    private static (int ExitCode, string Output, string Errors) RunScript(Dictionary<string, string?> overrides)
    {
        var start = new ProcessStartInfo("sh", [Path.Combine(Repository.Root, "scripts", "sqlserver-logins.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["WEEEVENTS_SQL_PRINT"] = "1";
        foreach (var service in Compose.Services)
        {
            start.Environment[Compose.SqlLoginPasswordVariable(service)] = Compose.SqlLoginPassword(service);
        }

        foreach (var (variable, value) in overrides)
        {
            if (value is null)
            {
                start.Environment.Remove(variable);
            }
            else
            {
                start.Environment[variable] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }

    [GeneratedRegex(@"^USE \[([^\]]+)\];$")]
    private static partial Regex UseDatabase();

    [GeneratedRegex(@"^(IF DB_ID\(N'[^']+'\) IS NULL CREATE DATABASE \[[^\]]+\];|IF SUSER_ID\(|ELSE$|(CREATE|ALTER) LOGIN \[[^\]]+\] WITH PASSWORD)")]
    private static partial Regex ServerObjects();

    // Rights that reach beyond one database, or own one: none of them belongs to a service's login.
    [GeneratedRegex(@"sysadmin|securityadmin|serveradmin|dbcreator|db_owner|db_securityadmin|db_accessadmin|\bCONTROL\b|IMPERSONATE|\bANY\b|ALTER SERVER ROLE|AUTHORIZATION", RegexOptions.IgnoreCase)]
    private static partial Regex ServerWideRights();
}
