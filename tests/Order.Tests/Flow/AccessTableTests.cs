using WeeEvents.AspNetCore.Operator;
using WeeEvents.Services.Inventory;
using WeeEvents.Services.Payment;
using WeeEvents.Services.Shipping;

namespace WeeEvents.Services.Order.Tests.Flow;

/// <summary>
/// The README's "who may do what" table lists every route the four services serve, lists, queries and the operator's
/// routes included, and says of each exactly what the access declarations it is derived from say.
/// </summary>
public sealed class AccessTableTests
{
    private const string Start = "<!-- access-table: derived from the access declarations; AccessTableTests checks it -->";
    private const string End = "<!-- /access-table -->";

    [Fact]
    public void Every_route_of_the_four_services_is_a_row_of_the_readme_table_saying_who_may_call_it()
    {
        var declared = new[] { OrderModule.Module, InventoryModule.Module, PaymentModule.Create(), ShippingModule.Module }
            .SelectMany(m => m.Access.Select(r => $"| `{r.Route}` | {m.Name} | {r.Who} |"))
            // The operator's routes every service host maps (MapWeeEventsServices), whichever modules it serves.
            .Concat(OperatorEndpoints.Access.Select(r => $"| `{r.Route}` | every service | {r.Who} |"))
            .ToArray();

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"The README has no table between {Start} and {End}.");
        var rows = readme[(start + Start.Length)..end].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .ToArray();

        Assert.True(declared.SequenceEqual(rows), "The README's table should read:\n" + string.Join('\n', declared));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WeeEvents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (WeeEvents.sln) is not above the test's directory.");
    }
}
