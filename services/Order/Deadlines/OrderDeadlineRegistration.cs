using Microsoft.Extensions.DependencyInjection;
using WeeEvents.Operator;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Services.Order.Deadlines;

/// <summary>Registers the order summaries and the deadline watch that reads them.</summary>
public static class OrderDeadlineRegistration
{
    /// <summary>Adds the deadline watch (<c>WeeEvents:Orders</c>) and the operator's view of open orders' deadlines; both read the <see cref="OrderSummaries"/> projection.</summary>
    public static IServiceCollection AddOrderDeadlines(this IServiceCollection services)
    {
        services.AddWeeEventsOptions<OrderDeadlineOptions, OrderDeadlineOptionsValidator>();
        services.AddHostedService<OrderDeadlineWatch>();
        // What the operations console shows as coming for an open order's conversation.
        services.AddSingleton<IOperatorDeadlines, OrderDeadlines>();
        return services;
    }
}
