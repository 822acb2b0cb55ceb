namespace WeeEvents.AppHost.Flow;

/// <summary>One service of the order flow as the AppHost runs it.</summary>
/// <param name="Name">The resource's name, its broker user's and its telemetry's <c>service.name</c>: <c>order</c>, ….</param>
/// <param name="Port">Its API's port on this machine, as in each service's appsettings.json and the README's examples.</param>
/// <param name="AddProject">
/// Adds its project by its generated metadata (<c>Projects.Order</c>, …), which runs the AppHost's own build of it
/// (<c>dotnet run --no-build</c>) rather than building each service again as it starts.
/// </param>
public sealed record FlowService(string Name, int Port, Func<IDistributedApplicationBuilder, IResourceBuilder<ProjectResource>> AddProject)
{
    /// <summary>The four services, in the order an order crosses them.</summary>
    public static IReadOnlyList<FlowService> All { get; } =
    [
        new("order", 5101, b => b.AddProject<Projects.Order>("order")),
        new("inventory", 5102, b => b.AddProject<Projects.Inventory>("inventory")),
        new("payment", 5103, b => b.AddProject<Projects.Payment>("payment")),
        new("shipping", 5104, b => b.AddProject<Projects.Shipping>("shipping")),
    ];
}
