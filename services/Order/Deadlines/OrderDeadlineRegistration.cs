using Microsoft.Extensions.DependencyInjection;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Services.Order.Deadlines;

/// <summary>Registers the order summaries and the deadline watch that reads them.</summary>
public static class OrderDeadlineRegistration
{
    /// <summary>Adds the deadline watch (<c>WeeEvents:Orders</c>); it reads the <see cref="OrderSummaries"/> projection.</summary>
    public static IServiceCollection AddOrderDeadlines(this IServiceCollection services)
    {
        services.AddWeeEventsOptions<OrderDeadlineOptions, OrderDeadlineOptionsValidator>();
        services.AddHostedService<OrderDeadlineWatch>();
        return services;
    }
}
