using Microsoft.Extensions.DependencyInjection;
using WeeEvents.Services.Order.ReadModel;

namespace WeeEvents.Services.Order.Deadlines;

/// <summary>Registers the order summaries and the deadline watch that reads them.</summary>
public static class OrderDeadlineRegistration
{
    /// <summary>Adds the deadline watch (<c>WeeEvents:Orders</c>); it reads the <see cref="OrderSummaries"/> projection.</summary>
    public static IServiceCollection AddOrderDeadlines(this IServiceCollection services)
    {
        services.AddOptions<OrderDeadlineOptions>().BindConfiguration(OrderDeadlineOptions.Section)
            .Validate(o => o.Deadline > TimeSpan.Zero, $"{OrderDeadlineOptions.Section}:Deadline must be positive.")
            .Validate(o => o.CheckInterval > TimeSpan.Zero, $"{OrderDeadlineOptions.Section}:CheckInterval must be positive.")
            .Validate(o => o.BatchSize > 0, $"{OrderDeadlineOptions.Section}:BatchSize must be positive.")
            .ValidateOnStart();
        services.AddHostedService<OrderDeadlineWatch>();
        return services;
    }
}
